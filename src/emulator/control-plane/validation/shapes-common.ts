/**
 * Shapes shared by several bedrock-agent operations, named as in the service model (botocore 1.43.11,
 * `bedrock-agent` 2023-06-05; see aws-behaviour.md §2). Constraints are copied from the model, not invented.
 */
import { document, enumOf, float, integer, list, map, required, string, structure, union } from "./schema.js";

export const Id = string({ pattern: "P_ID10" });
export const Name = string({ pattern: "P_NAME" });
export const Description = string({ min: 1, max: 200 });
export const ClientToken = string({ min: 33, max: 256, pattern: "P_TOKEN" });

/** Sub-resource writes are pinned to the draft: the model's `DraftVersion` is length 5 and pattern `DRAFT`. */
export const DraftVersion = string({ min: 5, max: 5, pattern: "P_DRAFT" });
/** Get/List of sub-resources also read numbered snapshots. */
export const Version = string({ min: 1, max: 5, pattern: "P_VER" });
/** GetAgentVersion / DeleteAgentVersion address numbered versions only. */
export const NumericalVersion = string({ pattern: "P_NUMERICAL_VERSION" });
export const AgentAliasId = string({ min: 10, max: 10, pattern: "P_ALIASID" });

export const MaxResults = integer({ min: 1, max: 1000 });
export const NextToken = string({ min: 1, max: 2048, pattern: "P_NEXT_TOKEN" });

export const ModelIdentifier = string({ min: 1, max: 2048, pattern: "P_MODEL" });
export const LambdaArn = string({ min: 0, max: 2048, pattern: "P_LAMBDA_ARN" });

export const TagKey = string({ min: 1, max: 128, pattern: "P_TAG" });
export const TagValue = string({ min: 0, max: 256, pattern: "P_TAG" });
export const TagsMap = map(TagKey, TagValue);

export const Instruction = string({ min: 40, max: 4000, sensitive: true });
export const OrchestrationType = enumOf("DEFAULT", "CUSTOM_ORCHESTRATION");
export const SessionTTL = integer({ min: 60, max: 5400 });
export const AgentRoleArn = string({ min: 0, max: 2048, pattern: "P_ROLE_ARN" });
export const KmsKeyArn = string({ min: 1, max: 2048, pattern: "P_KMS_ARN" });
export const AgentCollaboration = enumOf("SUPERVISOR", "SUPERVISOR_ROUTER", "DISABLED");

export const CustomOrchestration = structure({
  executor: union({ lambda: LambdaArn }),
});

const CreationMode = enumOf("DEFAULT", "OVERRIDDEN");

const InferenceConfiguration = structure({
  temperature: float({ min: 0, max: 1 }),
  topP: float({ min: 0, max: 1 }),
  topK: integer({ min: 0, max: 500 }),
  maximumLength: integer({ min: 0 }),
  stopSequences: list(string(), { min: 0, max: 4 }),
});

const PromptConfiguration = structure({
  promptType: enumOf(
    "PRE_PROCESSING",
    "ORCHESTRATION",
    "POST_PROCESSING",
    "KNOWLEDGE_BASE_RESPONSE_GENERATION",
    "MEMORY_SUMMARIZATION",
  ),
  promptCreationMode: CreationMode,
  promptState: enumOf("ENABLED", "DISABLED"),
  basePromptTemplate: string({ min: 1, max: 100_000, sensitive: true }),
  inferenceConfiguration: InferenceConfiguration,
  parserMode: CreationMode,
  foundationModel: ModelIdentifier,
  additionalModelRequestFields: document,
});

/**
 * Only the shape is checked here. "overrideLambda requires a parserMode OVERRIDDEN" is a service rule with
 * unknown wording; CreateAgent/UpdateAgent enforce it (control-plane/prompt-override-rules.ts).
 */
export const PromptOverrideConfiguration = structure(
  {
    promptConfigurations: required(list(PromptConfiguration, { min: 0, max: 10 })),
    overrideLambda: LambdaArn,
  },
  { sensitive: true },
);

export const GuardrailConfiguration = structure({
  guardrailIdentifier: string({ min: 0, max: 2048, pattern: "P_GUARDRAIL_ID" }),
  guardrailVersion: string({ pattern: "P_GUARDRAIL_VERSION" }),
});

export const MemoryConfiguration = structure({
  enabledMemoryTypes: required(list(enumOf("SESSION_SUMMARY"), { min: 1, max: 1 })),
  storageDays: integer({ min: 0, max: 365 }),
  sessionSummaryConfiguration: structure({ maxRecentSessions: integer({ min: 1 }) }),
});
