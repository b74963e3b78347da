import { UsageError } from "../../errors.js";

type Vars = Readonly<Record<string, string | undefined>>;

export type Latency = "fast" | "realistic";

export interface EmulatorTuning {
  latency?: Latency;
  faults?: string;
}

/**
 * AGENTCTL_EMULATOR_LATENCY (`fast` | `realistic`) and AGENTCTL_EMULATOR_FAULTS
 * (checked by the emulator's own parser so a typo fails before anything starts).
 */
export async function readEmulatorTuning(vars: Vars): Promise<EmulatorTuning> {
  const tuning: EmulatorTuning = {};
  const latency = vars.AGENTCTL_EMULATOR_LATENCY?.trim();
  if (latency) {
    if (latency !== "fast" && latency !== "realistic") {
      throw new UsageError(
        `AGENTCTL_EMULATOR_LATENCY must be "fast" or "realistic", not "${latency}".`,
        "fast completes lifecycle transitions at once; realistic takes seconds like AWS.",
      );
    }
    tuning.latency = latency;
  }
  const faults = vars.AGENTCTL_EMULATOR_FAULTS?.trim();
  if (faults) {
    const { parseFaultSpec } = await import("../../emulator/index.js");
    try {
      parseFaultSpec(faults);
    } catch (err) {
      throw new UsageError(
        `AGENTCTL_EMULATOR_FAULTS is not a valid fault spec: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
    tuning.faults = faults;
  }
  return tuning;
}
