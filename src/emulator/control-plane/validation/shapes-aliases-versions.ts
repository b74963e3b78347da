/** Alias and version operations (aws-behaviour.md §2.2 "Aliases and versions"). */
import {
  boolean,
  enumOf,
  list,
  type OperationTable,
  operation,
  required,
  string,
  structure,
} from "./schema.js";
import {
  AgentAliasId,
  ClientToken,
  Description,
  Id,
  MaxResults,
  Name,
  NextToken,
  NumericalVersion,
  TagsMap,
  Version,
} from "./shapes-common.js";

const AgentAliasRoutingConfiguration = list(
  structure({
    agentVersion: Version,
    provisionedThroughput: string({ min: 1, max: 2048, pattern: "P_PROVISIONED_MODEL" }),
  }),
  { min: 0, max: 1 },
);

export const ALIAS_VERSION_OPERATIONS: OperationTable = {
  CreateAgentAlias: operation({
    agentId: required(Id),
    agentAliasName: required(Name),
    clientToken: ClientToken,
    description: Description,
    routingConfiguration: AgentAliasRoutingConfiguration,
    tags: TagsMap,
  }),
  UpdateAgentAlias: operation({
    agentId: required(Id),
    agentAliasId: required(AgentAliasId),
    agentAliasName: required(Name),
    description: Description,
    routingConfiguration: AgentAliasRoutingConfiguration,
    aliasInvocationState: enumOf("ACCEPT_INVOCATIONS", "REJECT_INVOCATIONS"),
  }),
  GetAgentAlias: operation({ agentId: required(Id), agentAliasId: required(AgentAliasId) }),
  ListAgentAliases: operation({ agentId: required(Id), maxResults: MaxResults, nextToken: NextToken }),
  DeleteAgentAlias: operation({ agentId: required(Id), agentAliasId: required(AgentAliasId) }),
  ListAgentVersions: operation({ agentId: required(Id), maxResults: MaxResults, nextToken: NextToken }),
  GetAgentVersion: operation({ agentId: required(Id), agentVersion: required(NumericalVersion) }),
  DeleteAgentVersion: operation({
    agentId: required(Id),
    agentVersion: required(NumericalVersion),
    skipResourceInUseCheck: boolean,
  }),
};
