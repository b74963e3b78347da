import type { Operation } from "../context.js";
import * as actionGroups from "./action-groups.js";
import * as agents from "./agents.js";
import * as aliases from "./aliases.js";
import * as collaborators from "./collaborators.js";
import * as knowledgeBases from "./knowledge-bases.js";
import { PrepareAgent } from "./prepare-agent.js";
import * as tags from "./tags.js";
import * as versions from "./versions.js";

/** Every bedrock-agent operation the emulator serves, by its model name (§2.1). */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateAgent: agents.CreateAgent,
  UpdateAgent: agents.UpdateAgent,
  GetAgent: agents.GetAgent,
  ListAgents: agents.ListAgents,
  DeleteAgent: agents.DeleteAgent,
  PrepareAgent,
  CreateAgentActionGroup: actionGroups.CreateAgentActionGroup,
  UpdateAgentActionGroup: actionGroups.UpdateAgentActionGroup,
  GetAgentActionGroup: actionGroups.GetAgentActionGroup,
  ListAgentActionGroups: actionGroups.ListAgentActionGroups,
  DeleteAgentActionGroup: actionGroups.DeleteAgentActionGroup,
  CreateAgentAlias: aliases.CreateAgentAlias,
  UpdateAgentAlias: aliases.UpdateAgentAlias,
  GetAgentAlias: aliases.GetAgentAlias,
  ListAgentAliases: aliases.ListAgentAliases,
  DeleteAgentAlias: aliases.DeleteAgentAlias,
  ListAgentVersions: versions.ListAgentVersions,
  GetAgentVersion: versions.GetAgentVersion,
  DeleteAgentVersion: versions.DeleteAgentVersion,
  AssociateAgentCollaborator: collaborators.AssociateAgentCollaborator,
  GetAgentCollaborator: collaborators.GetAgentCollaborator,
  UpdateAgentCollaborator: collaborators.UpdateAgentCollaborator,
  ListAgentCollaborators: collaborators.ListAgentCollaborators,
  DisassociateAgentCollaborator: collaborators.DisassociateAgentCollaborator,
  AssociateAgentKnowledgeBase: knowledgeBases.AssociateAgentKnowledgeBase,
  ListAgentKnowledgeBases: knowledgeBases.ListAgentKnowledgeBases,
  DisassociateAgentKnowledgeBase: knowledgeBases.DisassociateAgentKnowledgeBase,
  TagResource: tags.TagResource,
  UntagResource: tags.UntagResource,
  ListTagsForResource: tags.ListTagsForResource,
};
