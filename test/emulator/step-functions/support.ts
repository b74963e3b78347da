/** An emulator plus a real SFNClient against it. */
import { SFNClient } from "@aws-sdk/client-sfn";
import {
  type EmulatorInternals,
  type EmulatorOptions,
  type RunningEmulator,
  startEmulator,
} from "../../../src/emulator/index.js";

export const ROLE = "arn:aws:iam::000000000000:role/sfn-test";

export function sfnClientFor(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
    // StartSyncExecution's host prefix would turn 127.0.0.1 into sync-127.0.0.1 (§6.2).
    disableHostPrefix: true,
  });
}

export interface SfnTestEmulator {
  emulator: RunningEmulator;
  sfn: SFNClient;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function sfnEmulator(
  opts: Partial<EmulatorOptions> = {},
  internals: EmulatorInternals = {},
): Promise<SfnTestEmulator> {
  const emulator = await startEmulator(
    { dbPath: ":memory:", port: 0, ...opts },
    { sfnPollMs: 50, ...internals },
  );
  const sfn = sfnClientFor(emulator.endpoint);
  return {
    emulator,
    sfn,
    async [Symbol.asyncDispose]() {
      sfn.destroy();
      await emulator.close();
    },
  };
}

export async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  limitMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
