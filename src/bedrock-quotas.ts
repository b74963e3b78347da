/**
 * Amazon Bedrock Agents' default per-Region quotas (aws-behaviour.md §3.4), in one
 * place for both sides that enforce them: the emulator (as AWS does, 402) and
 * `validate` (as warnings where the quota is adjustable).
 */
export const BEDROCK_QUOTAS = {
  agentsPerAccount: 200,
  actionGroupsPerAgent: 20,
  enabledActionGroupsPerAgent: 15,
  /** Operations (OpenAPI) or functions across an agent's action groups; adjustable. */
  apisPerAgent: 11,
  /** Not adjustable. */
  aliasesPerAgent: 10,
  knowledgeBasesPerAgent: 2,
  collaboratorsPerAgent: 10,
} as const;
