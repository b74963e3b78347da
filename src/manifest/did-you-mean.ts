/**
 * Suggestions for misspelt names: edit distance for typos, plus the Bedrock API names people
 * copy from boto3 or the console into manifests.
 */

/** Bedrock API field names and the manifest field that replaces each. */
const API_FIELD_NAMES: Readonly<Record<string, string>> = {
  agentName: "name",
  foundationModel: "model",
  idleSessionTTLInSeconds: "idleSessionTTL",
  agentResourceRoleArn: "role",
  guardrailConfiguration: "guardrail",
  memoryConfiguration: "memory",
  agentCollaboration: "collaboration",
  actionGroupName: "name",
  actionGroupExecutor: "executor",
  actionGroupState: "enabled",
  apiSchema: "schema",
  functionSchema: "functions",
  requireConfirmation: "confirmation",
  collaboratorName: "name",
  collaborationInstruction: "instruction",
  relayConversationHistory: "relayHistory",
  knowledgeBaseId: "id",
  knowledgeBaseState: "enabled",
  agentAliasName: "name",
};

import { closestMatch as closest, didYouMean as suggest } from "../source/did-you-mean.js";

export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  return closest(word, candidates, API_FIELD_NAMES);
}

export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  return suggest(word, candidates, API_FIELD_NAMES);
}
