/** Action-group operations (aws-behaviour.md §2.2 "Action groups", shapes of §2.3). */
import {
  boolean,
  enumOf,
  list,
  map,
  type OperationTable,
  operation,
  required,
  string,
  structure,
  union,
} from "./schema.js";
import {
  ClientToken,
  Description,
  DraftVersion,
  Id,
  LambdaArn,
  MaxResults,
  Name,
  NextToken,
  Version,
} from "./shapes-common.js";

const ActionGroupExecutor = union({
  lambda: LambdaArn,
  customControl: enumOf("RETURN_CONTROL"),
});

const APISchema = union({
  s3: structure({
    s3BucketName: string({ min: 3, max: 63, pattern: "P_S3_BUCKET" }),
    s3ObjectKey: string({ min: 1, max: 1024, pattern: "P_S3_KEY" }),
  }),
  payload: string({ sensitive: true }),
});

const ParameterDetail = structure({
  description: string({ min: 1, max: 500 }),
  type: required(enumOf("string", "number", "integer", "boolean", "array")),
  required: boolean,
});

const FunctionShape = structure({
  name: required(Name),
  description: string({ min: 1, max: 1200 }),
  parameters: map(Name, ParameterDetail),
  requireConfirmation: enumOf("ENABLED", "DISABLED"),
});

const FunctionSchema = union({ functions: list(FunctionShape) });

const ActionGroupSignature = enumOf(
  "AMAZON.UserInput",
  "AMAZON.CodeInterpreter",
  "ANTHROPIC.Computer",
  "ANTHROPIC.Bash",
  "ANTHROPIC.TextEditor",
);

const ActionGroupSignatureParams = map(string({ min: 0, max: 100 }), string({ min: 0, max: 100 }));

const ActionGroupState = enumOf("ENABLED", "DISABLED");

/*
 * "A built-in signature forbids description/apiSchema/executor" and "apiSchema and functionSchema are
 * alternatives" are service rules (§2.5) with unknown wording, checked by the handlers, not here.
 */
export const ACTION_GROUP_OPERATIONS: OperationTable = {
  CreateAgentActionGroup: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    actionGroupName: required(Name),
    clientToken: ClientToken,
    description: Description,
    parentActionGroupSignature: ActionGroupSignature,
    parentActionGroupSignatureParams: ActionGroupSignatureParams,
    actionGroupExecutor: ActionGroupExecutor,
    apiSchema: APISchema,
    actionGroupState: ActionGroupState,
    functionSchema: FunctionSchema,
  }),
  UpdateAgentActionGroup: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    actionGroupId: required(Id),
    actionGroupName: required(Name),
    description: Description,
    parentActionGroupSignature: ActionGroupSignature,
    parentActionGroupSignatureParams: ActionGroupSignatureParams,
    actionGroupExecutor: ActionGroupExecutor,
    actionGroupState: ActionGroupState,
    apiSchema: APISchema,
    functionSchema: FunctionSchema,
  }),
  GetAgentActionGroup: operation({
    agentId: required(Id),
    agentVersion: required(Version),
    actionGroupId: required(Id),
  }),
  ListAgentActionGroups: operation({
    agentId: required(Id),
    agentVersion: required(Version),
    maxResults: MaxResults,
    nextToken: NextToken,
  }),
  DeleteAgentActionGroup: operation({
    agentId: required(Id),
    agentVersion: required(DraftVersion),
    actionGroupId: required(Id),
    skipResourceInUseCheck: boolean,
  }),
};
