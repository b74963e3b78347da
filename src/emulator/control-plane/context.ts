import type { FaultInjector } from "../faults.js";
import type { Store } from "../store/index.js";
import type { LatencyProfile } from "../timing.js";
import type { TransitionScheduler } from "./scheduler.js";

/** Everything an operation may touch; built once per emulator. */
export interface ControlPlaneContext {
  store: Store;
  region: string;
  accountId: string;
  latency: LatencyProfile;
  faults: FaultInjector;
  scheduler: TransitionScheduler;
  now(): number;
}

/** Path labels, typed query members and body members, keyed by model member name (§2.2). */
export type OperationInput = Record<string, unknown>;

export interface OperationResult {
  status: number;
  /** Undefined: no body (204s). */
  body?: unknown;
}

export interface Operation {
  /** Writes run in one BEGIN IMMEDIATE transaction; reads in a snapshot. */
  mode: "read" | "write";
  run(ctx: ControlPlaneContext, input: OperationInput): OperationResult;
}
