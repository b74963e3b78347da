/**
 * What every state handler works with during one transition: the execution's
 * state, its definition, the clock, and the events and integration calls the
 * transition produces (committed together by the driver).
 */
import { randomBytes } from "node:crypto";
import { StatesError } from "./errors.js";
import type { JsonataScope } from "./jsonata-eval.js";
import type { PathScope } from "./jsonpath.js";
import type { ExecutionState, Frame, HistoryEvent, Json, JsonObject, QueryLanguage } from "./types.js";

/** Step Functions' payload limit for inputs, outputs and results (256 KiB of UTF-8). */
export const MAX_PAYLOAD_BYTES = 262_144;

export interface StepHost {
  region: string;
}

export class Step {
  readonly events: HistoryEvent[] = [];
  /** Ids of tasks whose integration call this transition started. */
  readonly dispatches: string[] = [];

  readonly exec: ExecutionState;
  readonly definition: JsonObject;
  readonly now: number;
  readonly host: StepHost;

  constructor(exec: ExecutionState, definition: JsonObject, now: number, host: StepHost) {
    this.exec = exec;
    this.definition = definition;
    this.now = now;
    this.host = host;
  }

  emit(
    frame: Frame | undefined,
    type: string,
    detailsKey?: string,
    details?: Record<string, unknown>,
  ): number {
    const id = this.exec.nextEventId++;
    const event: HistoryEvent = {
      timestamp: this.now / 1000,
      type,
      id,
      previousEventId: frame ? frame.prev : id - 1,
    };
    if (detailsKey) event[detailsKey] = details ?? {};
    this.events.push(event);
    if (frame) frame.prev = id;
    return id;
  }

  nextId(): string {
    return String(++this.exec.counter);
  }

  newToken(taskId: string): string {
    const handle = Buffer.from(JSON.stringify({ a: this.exec.executionArn, t: taskId })).toString(
      "base64url",
    );
    return `${handle}.${randomBytes(24).toString("base64url")}`;
  }

  machine(frame: Frame): JsonObject {
    let node: Json = this.definition;
    for (const key of frame.path) node = (node as Record<string | number, Json>)[key] as Json;
    return node as JsonObject;
  }

  stateDef(frame: Frame): JsonObject {
    const state = (this.machine(frame).States as JsonObject)[frame.state];
    if (!state || typeof state !== "object")
      throw new StatesError("States.Runtime", `The state ${frame.state} does not exist`);
    return state as JsonObject;
  }

  language(frame: Frame, state: JsonObject): QueryLanguage {
    return state.QueryLanguage === "JSONata" || state.QueryLanguage === "JSONPath"
      ? state.QueryLanguage
      : frame.language;
  }

  variable(frame: Frame, name: string): Json | undefined {
    for (let f: Frame | undefined = frame; f; f = f.parentId ? this.exec.frames[f.parentId] : undefined) {
      if (Object.hasOwn(f.vars, name)) return f.vars[name];
    }
    return undefined;
  }

  variableNames(frame: Frame): string[] {
    const names = new Set<string>();
    for (let f: Frame | undefined = frame; f; f = f.parentId ? this.exec.frames[f.parentId] : undefined) {
      for (const name of Object.keys(f.vars)) names.add(name);
    }
    return [...names];
  }

  /** The context object ($$ / $states.context) as seen by `frame`'s current state. */
  context(frame: Frame, extra: JsonObject = {}): JsonObject {
    const exec = this.exec;
    const machineName = exec.stateMachineArn.split(":").at(6) ?? "";
    return {
      Execution: {
        Id: exec.executionArn,
        Name: exec.name,
        Input: exec.input,
        StartTime: exec.startTime,
        RoleArn: exec.roleArn,
        RedriveCount: exec.redriveCount,
      },
      StateMachine: { Id: exec.stateMachineArn, Name: machineName },
      State: {
        Name: frame.state,
        EnteredTime: new Date(frame.enteredAt).toISOString(),
        RetryCount: frame.retries.reduce((a, b) => a + b, 0),
      },
      ...extra,
    };
  }

  pathScope(frame: Frame, input: Json, extra?: JsonObject): PathScope {
    const context = this.context(frame, extra);
    return { input, context, variable: (name) => this.variable(frame, name) };
  }

  jsonataScope(frame: Frame, states: JsonObject): JsonataScope {
    return {
      states,
      variable: (name) => this.variable(frame, name),
      variableNames: () => this.variableNames(frame),
    };
  }
}

export function checkSize(value: Json, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(value) ?? "null", "utf8");
  if (bytes > MAX_PAYLOAD_BYTES)
    throw new StatesError(
      "States.DataLimitExceeded",
      `The ${what} of ${bytes} bytes exceeds the maximum number of bytes service limit (${MAX_PAYLOAD_BYTES}).`,
    );
}

export const stringify = (value: Json): string => JSON.stringify(value);
