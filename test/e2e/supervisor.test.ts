/**
 * Issue 7 end to end: a supervisor with one collaborator of the project (desk-project.ts),
 * deployed with its alias; `invoke desk … --trace` shows the collaborator's steps indented under
 * the supervisor's, and the NDJSON carries the collaborator's traces with their callerChain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deskProject } from "./desk-project.js";
import { cliIn, deploy, scrub } from "./support.js";

const project = deskProject();
const cli = cliIn(project.dir);
beforeAll(() => deploy(project.dir), 60_000);
afterAll(() => project[Symbol.dispose]());

describe("a supervisor and its collaborator through agentctl invoke", () => {
  it("shows the collaborator's steps nested under the supervisor's delegation", async () => {
    const r = await cli(["invoke", "desk", "Please greet Bob", "--trace"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("The clerk says: Hello, Bob!\n");
    expect(scrub(r.stderr, project.dir)).toBe(
      [
        "step 1",
        "  model N in / N out tokens, N ms",
        '  rationale Calling AgentCommunication__sendMessage with {"recipient":"helper","content":"greet Bob"} (rule 1 of agents/scripts/desk.yaml, match 1 of 1).',
        "  → collaborator helper",
        "    input greet Bob",
        "  [helper] step 1",
        "    model N in / N out tokens, N ms",
        '    rationale Calling greetings__greet with {"name":"Bob"} (rule 3 of agents/scripts/clerk.yaml, match 1 of 1).',
        "    → greetings greet",
        "      parameters name=Bob",
        "    ← (N ms) Hello, Bob!",
        "  [helper] step 2",
        "    model N in / N out tokens, N ms",
        "    rationale Answering with answer 1 (rule 3 of agents/scripts/clerk.yaml).",
        "    ✔ final response (N ms)",
        "      Hello, Bob!",
        "  ← helper answered (N ms)",
        "    answer Hello, Bob!",
        "step 2",
        "  model N in / N out tokens, N ms",
        "  rationale Answering with answer 1 (rule 1 of agents/scripts/desk.yaml).",
        "  ✔ final response (N ms)",
        "    The clerk says: Hello, Bob!",
        "— 4 steps · 4 model calls · 1 tool call · 1 collaborator call · N in / N out tokens · N ms",
        'session <uuid> — continue with: agentctl invoke desk --session-id <uuid> "…"',
        "",
      ].join("\n"),
    );
  });

  it("--json: the collaborator's traces name it and carry the supervisor's alias first in callerChain", async () => {
    const json = await cli(["--json", "invoke", "desk", "Please greet Ann"]);
    expect(json.code).toBe(0);
    const lines = json.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const result = lines.at(-1).result;
    expect(result).toMatchObject({
      text: "The clerk says: Hello, Ann!",
      summary: { collaboratorCalls: 1, toolCalls: 1 },
    });
    const traces = lines.filter((l) => l.trace).map((l) => l.trace);
    const own = traces.filter((t) => t.agentId === result.agentId);
    const nested = traces.filter((t) => t.agentId !== result.agentId);
    expect(own.length).toBeGreaterThan(0);
    expect(nested.length).toBeGreaterThan(0);
    const supervisorArn = own[0].callerChain[0].agentAliasArn;
    expect(supervisorArn).toMatch(new RegExp(`agent-alias/${result.agentId}/${result.agentAliasId}$`));
    for (const t of nested) {
      expect(t.collaboratorName).toBe("helper");
      expect(t.callerChain).toHaveLength(2);
      expect(t.callerChain[0].agentAliasArn).toBe(supervisorArn);
    }
  });
});
