/** Real IAM, STS, Lambda and SNS SDK clients against an emulator, for the account-service tests. */
import { IAMClient } from "@aws-sdk/client-iam";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SNSClient } from "@aws-sdk/client-sns";
import { STSClient } from "@aws-sdk/client-sts";
import { strToU8, zipSync } from "fflate";
import { type EmulatorOptions, type RunningEmulator, startEmulator } from "../../src/emulator/index.js";

const common = (emulator: RunningEmulator) => ({
  endpoint: emulator.endpoint,
  region: emulator.region,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
  maxAttempts: 1,
});

export interface AccountClients {
  emulator: RunningEmulator;
  iam: IAMClient;
  sts: STSClient;
  lambda: LambdaClient;
  sns: SNSClient;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function accountClients(opts: Partial<EmulatorOptions> = {}): Promise<AccountClients> {
  const emulator = await startEmulator({ dbPath: ":memory:", port: 0, ...opts });
  const iam = new IAMClient(common(emulator));
  const sts = new STSClient(common(emulator));
  const lambda = new LambdaClient(common(emulator));
  const sns = new SNSClient(common(emulator));
  return {
    emulator,
    iam,
    sts,
    lambda,
    sns,
    async [Symbol.asyncDispose]() {
      for (const client of [iam, sts, lambda, sns]) client.destroy();
      await emulator.close();
    },
  };
}

export const LAMBDA_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** A zip holding the given files, as Code.ZipFile bytes. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

/** The error a call rejects with. */
export async function failure(promise: Promise<unknown>): Promise<{
  name: string;
  message: string;
  Code?: string;
  Type?: string;
  $fault?: string;
  $metadata: { httpStatusCode?: number; requestId?: string };
}> {
  try {
    await promise;
  } catch (err) {
    return err as never;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
