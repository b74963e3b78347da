/**
 * Method + URI of every bedrock-agent operation (§2.1). Trailing slashes are
 * significant (`POST /agents/` is ListAgents, `POST /agents/{id}/` PrepareAgent)
 * and `agentaliases` is lower case here, unlike the runtime's `agentAliases`.
 */
type QueryType = "boolean" | "list";

interface RouteSpec {
  method: string;
  path: string;
  operation: string;
  query?: Record<string, QueryType>;
}

const SKIP_CHECK = { skipResourceInUseCheck: "boolean" } as const;
const AG = "/agents/{agentId}/agentversions/{agentVersion}/actiongroups/";
const AL = "/agents/{agentId}/agentaliases/";
const CO = "/agents/{agentId}/agentversions/{agentVersion}/agentcollaborators/";
const KB = "/agents/{agentId}/agentversions/{agentVersion}/knowledgebases/";

const SPECS: RouteSpec[] = [
  { method: "PUT", path: "/agents/", operation: "CreateAgent" },
  { method: "POST", path: "/agents/", operation: "ListAgents" },
  { method: "PUT", path: "/agents/{agentId}/", operation: "UpdateAgent" },
  { method: "GET", path: "/agents/{agentId}/", operation: "GetAgent" },
  { method: "DELETE", path: "/agents/{agentId}/", operation: "DeleteAgent", query: SKIP_CHECK },
  { method: "POST", path: "/agents/{agentId}/", operation: "PrepareAgent" },
  { method: "PUT", path: AG, operation: "CreateAgentActionGroup" },
  { method: "POST", path: AG, operation: "ListAgentActionGroups" },
  { method: "PUT", path: `${AG}{actionGroupId}/`, operation: "UpdateAgentActionGroup" },
  { method: "GET", path: `${AG}{actionGroupId}/`, operation: "GetAgentActionGroup" },
  { method: "DELETE", path: `${AG}{actionGroupId}/`, operation: "DeleteAgentActionGroup", query: SKIP_CHECK },
  { method: "PUT", path: AL, operation: "CreateAgentAlias" },
  { method: "POST", path: AL, operation: "ListAgentAliases" },
  { method: "PUT", path: `${AL}{agentAliasId}/`, operation: "UpdateAgentAlias" },
  { method: "GET", path: `${AL}{agentAliasId}/`, operation: "GetAgentAlias" },
  { method: "DELETE", path: `${AL}{agentAliasId}/`, operation: "DeleteAgentAlias" },
  { method: "POST", path: "/agents/{agentId}/agentversions/", operation: "ListAgentVersions" },
  { method: "GET", path: "/agents/{agentId}/agentversions/{agentVersion}/", operation: "GetAgentVersion" },
  {
    method: "DELETE",
    path: "/agents/{agentId}/agentversions/{agentVersion}/",
    operation: "DeleteAgentVersion",
    query: SKIP_CHECK,
  },
  { method: "PUT", path: CO, operation: "AssociateAgentCollaborator" },
  { method: "POST", path: CO, operation: "ListAgentCollaborators" },
  { method: "GET", path: `${CO}{collaboratorId}/`, operation: "GetAgentCollaborator" },
  { method: "PUT", path: `${CO}{collaboratorId}/`, operation: "UpdateAgentCollaborator" },
  { method: "DELETE", path: `${CO}{collaboratorId}/`, operation: "DisassociateAgentCollaborator" },
  { method: "PUT", path: KB, operation: "AssociateAgentKnowledgeBase" },
  { method: "POST", path: KB, operation: "ListAgentKnowledgeBases" },
  { method: "DELETE", path: `${KB}{knowledgeBaseId}/`, operation: "DisassociateAgentKnowledgeBase" },
  { method: "POST", path: "/tags/{resourceArn}", operation: "TagResource" },
  { method: "DELETE", path: "/tags/{resourceArn}", operation: "UntagResource", query: { tagKeys: "list" } },
  { method: "GET", path: "/tags/{resourceArn}", operation: "ListTagsForResource" },
];

interface CompiledRoute {
  method: string;
  /** A label name for `{label}` segments, otherwise the literal. */
  segments: { literal?: string; label?: string }[];
  operation: string;
  query: Record<string, QueryType>;
}

const COMPILED: CompiledRoute[] = SPECS.map((spec) => ({
  method: spec.method,
  operation: spec.operation,
  query: spec.query ?? {},
  segments: spec.path
    .split("/")
    .slice(1)
    .map((s) => (s.startsWith("{") ? { label: s.slice(1, -1) } : { literal: s })),
}));

export interface RouteMatch {
  operation: string;
  labels: Record<string, string>;
  query: Record<string, QueryType>;
}

export interface RouteLookup {
  match?: RouteMatch;
  /** The path matched some operation, just not with this method. */
  pathKnown: boolean;
}

export function findRoute(method: string, segments: string[]): RouteLookup {
  let pathKnown = false;
  for (const route of COMPILED) {
    if (route.segments.length !== segments.length) continue;
    const labels: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < segments.length && ok; i++) {
      const want = route.segments[i];
      const got = segments[i] as string;
      if (want?.label !== undefined) {
        if (got === "") ok = false;
        else labels[want.label] = got;
      } else if (want?.literal !== got) {
        ok = false;
      }
    }
    if (!ok) continue;
    pathKnown = true;
    if (route.method === method)
      return { match: { operation: route.operation, labels, query: route.query }, pathKnown };
  }
  return { pathKnown };
}

/**
 * The control-plane URI a path most likely meant, when it differs from one only
 * in the case of its fixed segments or a missing trailing slash (§0 fact 5:
 * `agentaliases` vs the runtime's `agentAliases`, `/agents` vs `/agents/`), or
 * undefined. `rawPath` is the path as sent; labels are kept as they were.
 */
export function suggestPath(rawPath: string, segments: string[]): string | undefined {
  const raw = rawPath.split("/").slice(1);
  for (const candidate of [segments, [...segments, ""]]) {
    for (const route of COMPILED) {
      if (route.segments.length !== candidate.length) continue;
      const fits = route.segments.every((want, i) => {
        const got = candidate[i] as string;
        return want.label !== undefined ? got !== "" : want.literal?.toLowerCase() === got.toLowerCase();
      });
      if (!fits) continue;
      const fixed = route.segments.map((want, i) => want.literal ?? raw[i] ?? "");
      const suggestion = `/${fixed.join("/")}`;
      return suggestion === rawPath ? undefined : suggestion;
    }
  }
  return undefined;
}

/** Query members as the model types them: booleans as booleans, lists as string[]. */
export function typedQuery(
  query: Record<string, string | string[]>,
  types: Record<string, QueryType>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(types)) {
    const raw = query[name];
    if (raw === undefined) continue;
    if (type === "list") {
      out[name] = Array.isArray(raw) ? raw : [raw];
    } else {
      const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
      // Anything but true/false is passed on as text, for validation to reject.
      out[name] = text === "true" ? true : text === "false" ? false : text;
    }
  }
  return out;
}
