/** Runs definitions on the interpreter in memory, with a clock the test moves. */
import { ExecutionDriver } from "../../../src/emulator/states/driver.js";
import { MemoryRepository } from "../../../src/emulator/states/repository.js";
import {
  type IntegrationHandler,
  IntegrationRegistry,
} from "../../../src/emulator/states/task-dispatcher.js";
import type { ExecutionState, HistoryEvent, Json, JsonObject } from "../../../src/emulator/states/types.js";

export const MACHINE_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:test";

export class Harness {
  readonly repo = new MemoryRepository();
  readonly registry = new IntegrationRegistry();
  clock = Date.parse("2026-01-01T00:00:00Z");
  readonly driver = new ExecutionDriver({
    repository: this.repo,
    dispatcher: this.registry,
    region: "us-east-1",
    accountId: "000000000000",
    now: () => this.clock,
  });
  private count = 0;

  handle(integration: string, handler: IntegrationHandler): this {
    this.registry.register(integration, handler);
    return this;
  }

  async start(definition: JsonObject, input: Json = {}, name = `exec-${++this.count}`): Promise<string> {
    const exec = this.driver.start({
      executionArn: `arn:aws:states:us-east-1:000000000000:execution:test:${name}`,
      stateMachineArn: MACHINE_ARN,
      name,
      roleArn: "arn:aws:iam::000000000000:role/sfn",
      input,
      definition,
      now: this.clock,
    });
    await this.settle(exec.executionArn);
    return exec.executionArn;
  }

  /** Lets in-flight handlers and transitions finish (a few macrotask turns). */
  async settle(arn: string): Promise<void> {
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      await this.driver.drive(arn);
    }
  }

  /** Moves the clock and runs whatever became due. */
  async advance(ms: number, arn: string): Promise<void> {
    this.clock += ms;
    await this.settle(arn);
  }

  state(arn: string): ExecutionState {
    const loaded = this.repo.load(arn);
    if (!loaded) throw new Error(`no execution ${arn}`);
    return loaded.exec;
  }

  events(arn: string): HistoryEvent[] {
    return this.repo.events(arn);
  }

  types(arn: string): string[] {
    return this.events(arn).map((e) => e.type);
  }
}

/** Runs to the end (advancing the clock through waits) and returns status and output. */
export async function runToEnd(
  definition: JsonObject,
  input: Json = {},
  setup: (h: Harness) => void = () => {},
): Promise<{ h: Harness; arn: string; exec: ExecutionState; output: Json | undefined }> {
  const h = new Harness();
  setup(h);
  const arn = await h.start(definition, input);
  for (let i = 0; i < 100 && h.state(arn).status === "RUNNING"; i++) await h.advance(60_000, arn);
  const exec = h.state(arn);
  return { h, arn, exec, output: exec.output };
}

export const pass = (extra: JsonObject = {}): JsonObject => ({ Type: "Pass", End: true, ...extra });
export const machine = (states: JsonObject, extra: JsonObject = {}): JsonObject => ({
  StartAt: Object.keys(states)[0] as string,
  States: states,
  ...extra,
});
