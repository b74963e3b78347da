/**
 * The scripted model: deterministic rules instead of a foundation model (the sample's
 * `agents/scripts/*.yaml`). It is stateless: from the input text and the calls already made
 * this turn it recomputes the plan (one call per match of the first matching rule, one call
 * per orchestration step) and either makes the next call or picks the answer.
 */
import { dependencyFailed } from "../errors.js";
import { COLLABORATOR_TOOL, type Tool, USER_INPUT_TOOL } from "../tools.js";
import { loadScript, type ModelScript, type ScriptRule, type ScriptWhen } from "./script-file.js";
import {
  estimateTokens,
  type ModelAdapter,
  type ModelDecision,
  type ModelReply,
  type ModelRequest,
  type Observation,
  renderPrompt,
  type ToolCall,
} from "./types.js";

type Vars = Record<string, string>;

function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function lookup(value: unknown, path: string[]): unknown {
  let node = value;
  for (const key of path)
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

function display(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function renderTemplate(template: unknown, vars: Vars, observation?: Observation): string {
  return String(template ?? "").replace(/\{\{\s*([^{}]*?)\s*\}\}/g, (_m, name: string) => {
    if (observation && name === "status") return display(observation.status);
    if (observation && name === "body") return observation.text;
    if (observation && name.startsWith("body."))
      return display(lookup(parsedBody(observation.text), name.slice(5).split(".")));
    return vars[name] ?? "";
  });
}

/** Subset match: every key of `expected` is present in `actual` with an equal value. */
function contains(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== "object") return actual === expected;
  if (actual === null || typeof actual !== "object") return false;
  return Object.entries(expected).every(([k, v]) => contains((actual as Record<string, unknown>)[k], v));
}

function holds(when: ScriptWhen, o: Observation): boolean {
  if (when.status !== undefined && o.status !== when.status) return false;
  if (when.state !== undefined && o.state !== when.state) return false;
  if (when.denied !== undefined && (o.denied === true) !== when.denied) return false;
  if (when.body !== undefined && !contains(parsedBody(o.text), when.body)) return false;
  return true;
}

function matchesOf(rule: ScriptRule, input: string): Vars[] {
  const toVars = (m: RegExpMatchArray): Vars => ({ ...(m.groups ?? {}), input, match: m[0] });
  if (!rule.each) {
    const m = input.match(rule.match);
    return m ? [toVars(m)] : [];
  }
  return [...input.matchAll(new RegExp(rule.match.source, `${rule.match.flags}g`))].map(toVars);
}

function renderAll(values: Record<string, unknown> | undefined, vars: Vars): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, renderTemplate(v, vars)]));
}

export class ScriptedModel implements ModelAdapter {
  readonly kind = "scripted";
  private readonly file: string;
  /** How rationales and errors name the script: as the project names it, not an absolute path. */
  private readonly shown: string;

  constructor(file: string, shownAs: string = file) {
    this.file = file;
    this.shown = shownAs;
  }

  async decide(request: ModelRequest): Promise<ModelReply> {
    const promptText = renderPrompt(request);
    const decision = this.plan(request);
    const rawResponse = JSON.stringify(decision);
    return {
      decision,
      rawResponse,
      usage: { inputTokens: estimateTokens(promptText), outputTokens: estimateTokens(rawResponse) },
    };
  }

  /** Scripts say nothing about pre-processing: every input is accepted, deterministically. */
  async preProcess(request: ModelRequest) {
    const rationale = `The scripted model accepts every input for agent ${request.snapshot.definition.agentName}.`;
    const rawResponse = JSON.stringify({ isValid: true, rationale });
    return {
      isValid: true,
      rationale,
      rawResponse,
      usage: { inputTokens: estimateTokens(request.inputText), outputTokens: estimateTokens(rawResponse) },
    };
  }

  /** Post-processing keeps the scripted answer as written, so scripts stay the single source of answers. */
  async postProcess(_request: ModelRequest, answer: string) {
    return {
      text: answer,
      rawResponse: JSON.stringify({ text: answer }),
      usage: { inputTokens: estimateTokens(answer), outputTokens: estimateTokens(answer) },
    };
  }

  private script(agentName: string): ModelScript {
    try {
      return loadScript(this.file);
    } catch (err) {
      throw dependencyFailed(
        `The scripted model of agent ${agentName} cannot be read from ${this.shown}: ${(err as Error).message}.`,
        this.file,
      );
    }
  }

  private plan(request: ModelRequest): ModelDecision {
    const agentName = request.snapshot.definition.agentName;
    const script = this.script(agentName);
    const input = request.inputText;
    const index = script.rules.findIndex((rule) => rule.match.test(input));
    if (index < 0) {
      if (script.fallback !== undefined) {
        return {
          kind: "answer",
          text: renderTemplate(script.fallback, { input }),
          rationale: "No rule of the script matches the input; answering with its fallback.",
        };
      }
      throw dependencyFailed(
        `The scripted model of agent ${agentName} has no rule matching the input ${JSON.stringify(input.length > 200 ? `${input.slice(0, 200)}…` : input)} and no fallback (${this.shown}).`,
        this.file,
      );
    }
    const rule = script.rules[index] as ScriptRule;
    const matches = matchesOf(rule, input);
    const where = `rule ${index + 1} of ${this.shown}`;
    if (rule.ask !== undefined && request.steps.length === 0) {
      const question = renderTemplate(rule.ask, matches[0] ?? { input });
      return {
        kind: "call",
        calls: [{ id: "ask-0", name: USER_INPUT_TOOL, input: { question } }],
        rationale: `The request lacks information; asking the user (${where}).`,
      };
    }
    if (rule.call && request.steps.length < matches.length) {
      const n = request.steps.length;
      const call = this.toolCall(rule, matches[n] as Vars, request.tools, n, agentName);
      return {
        kind: "call",
        calls: [call],
        rationale: `Calling ${call.name} with ${JSON.stringify({ ...call.input, ...call.body })} (${where}, match ${n + 1} of ${matches.length}).`,
      };
    }
    return this.answer(
      rule,
      matches,
      request.steps.map((s) => s.observation),
      where,
    );
  }

  private toolCall(rule: ScriptRule, vars: Vars, tools: Tool[], n: number, agentName: string): ToolCall {
    const call = rule.call ?? {};
    if (call.collaborator !== undefined) {
      return {
        id: `call-${n}`,
        name: COLLABORATOR_TOOL,
        input: { recipient: call.collaborator, content: renderTemplate(call.text ?? "{{input}}", vars) },
      };
    }
    const tool = tools.find(
      (t) =>
        (t.target.kind === "api" &&
          t.target.actionGroupName === call.actionGroup &&
          t.target.operationId === call.operation) ||
        (t.target.kind === "function" &&
          t.target.actionGroupName === call.actionGroup &&
          t.target.functionName === call.operation),
    );
    if (!tool) {
      throw dependencyFailed(
        `The scripted model of agent ${agentName} calls ${call.actionGroup}/${call.operation}, which is not an enabled operation of the agent's action groups (${this.shown}). Tools offered: ${tools.map((t) => t.name).join(", ") || "none"}.`,
        this.file,
      );
    }
    return {
      id: `call-${n}`,
      name: tool.name,
      input: renderAll(call.parameters, vars),
      ...(call.body ? { body: renderAll(call.body, vars) } : {}),
    };
  }

  private answer(
    rule: ScriptRule,
    matches: Vars[],
    observations: Observation[],
    where: string,
  ): ModelDecision {
    for (const [i, answer] of rule.answers.entries()) {
      if (answer.when === undefined) {
        const last = observations.length - 1;
        return {
          kind: "answer",
          text: renderTemplate(answer.text, matches[last] ?? matches[0] ?? {}, observations[last]),
          rationale: `Answering with answer ${i + 1} (${where}).`,
        };
      }
      const at = observations.findIndex((o) => holds(answer.when as ScriptWhen, o));
      if (at >= 0) {
        return {
          kind: "answer",
          text: renderTemplate(answer.text, matches[at] ?? {}, observations[at]),
          rationale: `Observation ${at + 1} satisfies answer ${i + 1} (${where}).`,
        };
      }
    }
    const last = observations.at(-1);
    return {
      kind: "answer",
      text: last?.text ?? "",
      rationale: `No answer of ${where} applies; relaying the last observation.`,
    };
  }
}
