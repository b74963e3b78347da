import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../src/emulator/control-plane/operations/index.js";
import { findRoute, suggestPath, typedQuery } from "../../src/emulator/control-plane/routes.js";
import { OPERATIONS as VALIDATED } from "../../src/emulator/control-plane/validation/index.js";
import { decodeSegments, parseQuery, splitTarget } from "../../src/emulator/server/request.js";
import { runtimeOperation } from "../../src/emulator/services/agent-runtime.js";

/** aws-behaviour.md §2.1, verbatim: method, URI, operation. */
const TABLE = `
PUT /agents/ CreateAgent
PUT /agents/{agentId}/ UpdateAgent
GET /agents/{agentId}/ GetAgent
POST /agents/ ListAgents
DELETE /agents/{agentId}/ DeleteAgent
POST /agents/{agentId}/ PrepareAgent
PUT /agents/{agentId}/agentversions/{agentVersion}/actiongroups/ CreateAgentActionGroup
PUT /agents/{agentId}/agentversions/{agentVersion}/actiongroups/{actionGroupId}/ UpdateAgentActionGroup
GET /agents/{agentId}/agentversions/{agentVersion}/actiongroups/{actionGroupId}/ GetAgentActionGroup
POST /agents/{agentId}/agentversions/{agentVersion}/actiongroups/ ListAgentActionGroups
DELETE /agents/{agentId}/agentversions/{agentVersion}/actiongroups/{actionGroupId}/ DeleteAgentActionGroup
PUT /agents/{agentId}/agentaliases/ CreateAgentAlias
PUT /agents/{agentId}/agentaliases/{agentAliasId}/ UpdateAgentAlias
GET /agents/{agentId}/agentaliases/{agentAliasId}/ GetAgentAlias
POST /agents/{agentId}/agentaliases/ ListAgentAliases
DELETE /agents/{agentId}/agentaliases/{agentAliasId}/ DeleteAgentAlias
POST /agents/{agentId}/agentversions/ ListAgentVersions
GET /agents/{agentId}/agentversions/{agentVersion}/ GetAgentVersion
DELETE /agents/{agentId}/agentversions/{agentVersion}/ DeleteAgentVersion
PUT /agents/{agentId}/agentversions/{agentVersion}/agentcollaborators/ AssociateAgentCollaborator
GET /agents/{agentId}/agentversions/{agentVersion}/agentcollaborators/{collaboratorId}/ GetAgentCollaborator
PUT /agents/{agentId}/agentversions/{agentVersion}/agentcollaborators/{collaboratorId}/ UpdateAgentCollaborator
POST /agents/{agentId}/agentversions/{agentVersion}/agentcollaborators/ ListAgentCollaborators
DELETE /agents/{agentId}/agentversions/{agentVersion}/agentcollaborators/{collaboratorId}/ DisassociateAgentCollaborator
PUT /agents/{agentId}/agentversions/{agentVersion}/knowledgebases/ AssociateAgentKnowledgeBase
POST /agents/{agentId}/agentversions/{agentVersion}/knowledgebases/ ListAgentKnowledgeBases
DELETE /agents/{agentId}/agentversions/{agentVersion}/knowledgebases/{knowledgeBaseId}/ DisassociateAgentKnowledgeBase
POST /tags/{resourceArn} TagResource
DELETE /tags/{resourceArn} UntagResource
GET /tags/{resourceArn} ListTagsForResource
`
  .trim()
  .split("\n")
  .map((line) => line.split(" ") as [string, string, string]);

const fill = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_, label: string) =>
    label === "resourceArn"
      ? encodeURIComponent("arn:aws:bedrock:us-east-1:000000000000:agent/AAAAAAAAAA")
      : `V-${label}`,
  );

describe("control-plane routing", () => {
  it.each(TABLE)("%s %s → %s", (method, template, operation) => {
    const { match } = findRoute(method, decodeSegments(fill(template)));
    expect(match?.operation).toBe(operation);
    for (const label of template.match(/\{(\w+)\}/g) ?? []) {
      const name = label.slice(1, -1);
      expect(match?.labels[name]).toBe(
        name === "resourceArn" ? "arn:aws:bedrock:us-east-1:000000000000:agent/AAAAAAAAAA" : `V-${name}`,
      );
    }
  });

  it("serves exactly the operations of §2.1, each known to the validation module", () => {
    const names = TABLE.map(([, , op]) => op).sort();
    expect(Object.keys(OPERATIONS).sort()).toEqual(names);
    expect([...VALIDATED].sort()).toEqual(names);
  });

  it("tells trailing-slash and case variants apart", () => {
    expect(findRoute("POST", decodeSegments("/agents")).match).toBeUndefined();
    expect(findRoute("GET", decodeSegments("/agents/X/agentAliases/Y/")).match).toBeUndefined();
    expect(findRoute("PATCH", decodeSegments("/agents/")).pathKnown).toBe(true);
    expect(findRoute("GET", decodeSegments("/agents//")).match).toBeUndefined();
  });

  it("suggests the control-plane URI a near miss meant: casing of fixed segments, missing trailing slash", () => {
    const suggest = (path: string) => suggestPath(path, decodeSegments(path));
    expect(suggest("/agents/X/agentAliases/")).toBe("/agents/X/agentaliases/");
    expect(suggest("/Agents/AbC/AgentVersions/1/ActionGroups/G1/")).toBe(
      "/agents/AbC/agentversions/1/actiongroups/G1/",
    );
    expect(suggest("/agents")).toBe("/agents/");
    expect(suggest("/agents/X/agentaliases/Y")).toBe("/agents/X/agentaliases/Y/");
    // Labels keep their original (encoded) text.
    expect(suggest("/TAGS/arn%3Aaws%3Abedrock")).toBe("/tags/arn%3Aaws%3Abedrock");
    expect(suggest("/agents/X/")).toBeUndefined();
    expect(suggest("/no/such/thing")).toBeUndefined();
    expect(suggest("/agents//")).toBeUndefined();
  });

  it("types query members the way the model does", () => {
    const query = parseQuery("skipResourceInUseCheck=true&tagKeys=a&tagKeys=b%20c&other=1");
    expect(typedQuery(query, { skipResourceInUseCheck: "boolean", tagKeys: "list" })).toEqual({
      skipResourceInUseCheck: true,
      tagKeys: ["a", "b c"],
    });
    expect(typedQuery(parseQuery("tagKeys=only"), { tagKeys: "list" })).toEqual({ tagKeys: ["only"] });
    expect(
      typedQuery(parseQuery("skipResourceInUseCheck=maybe"), { skipResourceInUseCheck: "boolean" }),
    ).toEqual({
      skipResourceInUseCheck: "maybe",
    });
  });

  it("splits targets and decodes each segment after splitting", () => {
    expect(splitTarget("http://127.0.0.1:1/tags/a%2Fb?x=1")).toEqual({
      path: "/tags/a%2Fb",
      queryText: "x=1",
    });
    expect(decodeSegments("/tags/a%2Fb/")).toEqual(["tags", "a/b", ""]);
  });
});

describe("runtime path detection", () => {
  it.each([
    ["POST", "/agents/A/agentAliases/B/sessions/S/text", "InvokeAgent"],
    ["GET", "/agents/A/agentAliases/B/memories", "GetAgentMemory"],
    ["DELETE", "/agents/A/agentAliases/B/memories", "DeleteAgentMemory"],
    ["POST", "/knowledgebases/K/retrieve", "Retrieve"],
    ["POST", "/retrieveAndGenerate", "RetrieveAndGenerate"],
    ["POST", "/flows/F/aliases/A", "InvokeFlow"],
  ])("%s %s is %s", (method, path, operation) => {
    expect(runtimeOperation(method, decodeSegments(path))).toBe(operation);
  });

  it.each([
    ["PUT /agents/"],
    ["GET /flows/F/aliases/A/"],
    ["GET /knowledgebases/K/"],
    // Mis-cased control-plane paths: not a runtime operation's shape, so the control plane answers (with a hint).
    ["POST /agents/X/agentAliases/"],
    ["GET /agents/X/agentAliases/Y/"],
    ["GET /agents/X/agentAliases/Y/sessions/S/text"],
    ["POST /agents/X/agentAliases/Y/sessions//text"],
    ["PUT /agents/X/agentAliases/Y/memories"],
    ["GET /retrieveAndGenerate"],
  ])("%s is not a runtime operation", (line) => {
    const [method, path] = line.split(" ") as [string, string];
    expect(runtimeOperation(method, decodeSegments(path))).toBeUndefined();
  });
});
