/** Collaborator, knowledge-base and tagging operations (aws-behaviour.md §2.2, last section). */
import { enumOf, list, type OperationTable, operation, required, string, structure } from "./schema.js";
import {
  ClientToken,
  Description,
  DraftVersion,
  Id,
  MaxResults,
  Name,
  NextToken,
  TagKey,
  TagsMap,
  Version,
} from "./shapes-common.js";

const AgentDescriptor = structure({
  aliasArn: string({ min: 0, max: 2048, pattern: "P_ALIAS_ARN" }),
});
const CollaborationInstruction = string({ min: 1, max: 4000, sensitive: true });
const RelayConversationHistory = enumOf("TO_COLLABORATOR", "DISABLED");
const TaggableResourcesArn = string({ min: 20, max: 1011, pattern: "P_TAG_ARN" });

export const COLLABORATOR_KB_TAG_OPERATIONS: OperationTable = {
  AssociateAgentCollaborator: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    agentDescriptor: required(AgentDescriptor),
    collaboratorName: required(Name),
    collaborationInstruction: required(CollaborationInstruction),
    relayConversationHistory: RelayConversationHistory,
    clientToken: ClientToken,
  }),
  GetAgentCollaborator: operation({
    agentId: required(Id),
    agentVersion: required(Version),
    collaboratorId: required(Id),
  }),
  UpdateAgentCollaborator: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    collaboratorId: required(Id),
    agentDescriptor: required(AgentDescriptor),
    collaboratorName: required(Name),
    collaborationInstruction: required(CollaborationInstruction),
    relayConversationHistory: RelayConversationHistory,
  }),
  ListAgentCollaborators: operation({
    agentId: required(Id),
    agentVersion: required(Version),
    maxResults: MaxResults,
    nextToken: NextToken,
  }),
  DisassociateAgentCollaborator: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    collaboratorId: required(Id),
  }),
  AssociateAgentKnowledgeBase: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    knowledgeBaseId: required(Id),
    description: required(Description),
    knowledgeBaseState: enumOf("ENABLED", "DISABLED"),
  }),
  ListAgentKnowledgeBases: operation({
    agentId: required(Id),
    agentVersion: required(Version),
    maxResults: MaxResults,
    nextToken: NextToken,
  }),
  DisassociateAgentKnowledgeBase: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    knowledgeBaseId: required(Id),
  }),
  TagResource: operation({ resourceArn: required(TaggableResourcesArn), tags: required(TagsMap) }),
  UntagResource: operation({
    resourceArn: required(TaggableResourcesArn),
    tagKeys: required(list(TagKey, { min: 0, max: 200 })),
  }),
  ListTagsForResource: operation({ resourceArn: required(TaggableResourcesArn) }),
};
