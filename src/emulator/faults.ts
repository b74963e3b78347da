/**
 * Fault injection for exercising callers' retry and failure paths, from a spec
 * such as "throttle=0.1,error500=0.05,prepareFailure=0.2,seed=42" (the value of
 * AGENTCTL_EMULATOR_FAULTS, passed in by the command layer).
 *
 * Decisions come from a seeded PRNG so a test that replays the same sequence of
 * requests sees the same faults.
 */
export interface FaultSpec {
  /** Probability (0..1) that a request is answered 429 ThrottlingException. */
  throttle: number;
  /** Probability (0..1) that a request is answered 500 InternalServerException. */
  error500: number;
  /** Probability (0..1) that a PrepareAgent ends FAILED. */
  prepareFailure: number;
  /** PRNG seed; a fixed default keeps runs without one repeatable too. */
  seed: number;
}

const RATE_KEYS = ["throttle", "error500", "prepareFailure"] as const;
const DEFAULT_SEED = 1;

export const NO_FAULTS: Readonly<FaultSpec> = Object.freeze({
  throttle: 0,
  error500: 0,
  prepareFailure: 0,
  seed: DEFAULT_SEED,
});

/** Throws a plain Error naming the bad part; "" (or only blanks) means no faults. */
export function parseFaultSpec(spec: string): FaultSpec {
  const result: FaultSpec = { ...NO_FAULTS };
  const seen = new Set<string>();
  for (const rawPart of spec.split(",")) {
    const part = rawPart.trim();
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq <= 0) {
      throw new Error(`Fault spec part "${part}" is not of the form name=value (e.g. "throttle=0.1").`);
    }
    const key = part.slice(0, eq).trim();
    const valueText = part.slice(eq + 1).trim();
    if (seen.has(key)) throw new Error(`Fault "${key}" is given twice in the fault spec.`);
    seen.add(key);
    const value = Number(valueText);
    if (valueText === "" || !Number.isFinite(value)) {
      throw new Error(`Fault "${key}" has value "${valueText}", which is not a number.`);
    }
    if (key === "seed") {
      if (!Number.isSafeInteger(value)) throw new Error(`Fault seed "${valueText}" must be an integer.`);
      result.seed = value;
    } else if ((RATE_KEYS as readonly string[]).includes(key)) {
      if (value < 0 || value > 1) {
        throw new Error(`Fault "${key}" is ${valueText}; a rate must be between 0 and 1.`);
      }
      result[key as (typeof RATE_KEYS)[number]] = value;
    } else {
      throw new Error(`Unknown fault "${key}"; known faults: ${[...RATE_KEYS, "seed"].join(", ")}.`);
    }
  }
  return result;
}

/** mulberry32: tiny, fast, good enough for fault dice; deterministic per seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type RequestFault = "throttle" | "error500";

export class FaultInjector {
  readonly spec: Readonly<FaultSpec>;
  private readonly random: () => number;

  constructor(spec: Readonly<FaultSpec>) {
    this.spec = spec;
    this.random = mulberry32(spec.seed);
  }

  /** Rolls only for faults with a non-zero rate, so an unfaulted emulator never consumes the sequence. */
  requestFault(): RequestFault | undefined {
    if (this.spec.throttle > 0 && this.random() < this.spec.throttle) return "throttle";
    if (this.spec.error500 > 0 && this.random() < this.spec.error500) return "error500";
    return undefined;
  }

  prepareShouldFail(): boolean {
    return this.spec.prepareFailure > 0 && this.random() < this.spec.prepareFailure;
  }
}
