import { AwsError } from "../aws-error.js";
import { jsonReply } from "./reply.js";
import type { NormalisedRequest } from "./request.js";
import type { RoutedCall } from "./service.js";

export const INTERNAL_PREFIX = "_agentctl";

export interface EmulatorIdentity {
  pid: number;
  region: string;
  accountId: string;
  dbPath: string;
  startedAt: string;
}

/**
 * `GET /_agentctl/health` (is an emulator serving this port, and which one),
 * `GET /_agentctl/outbox` (the SNS messages published so far) and
 * `POST /_agentctl/reset` (what `agentctl local reset` calls while a server
 * runs). Never faulted; not AWS operations.
 */
export interface InternalHooks {
  reset(): void;
  /** The SNS outbox after `afterSeq`, oldest first (`agentctl local outbox`). */
  outbox(query: { topicArn?: string; afterSeq?: number }): unknown[];
}

export function internalCall(
  request: NormalisedRequest,
  identity: EmulatorIdentity,
  hooks: InternalHooks,
): RoutedCall | undefined {
  if (request.segments[0] !== INTERNAL_PREFIX) return undefined;
  const endpoint = request.segments.slice(1).join("/");
  if (request.method === "GET" && endpoint === "health") {
    return { operation: "agentctl:Health", execute: () => jsonReply(200, { ok: true, ...identity }) };
  }
  if (request.method === "POST" && endpoint === "reset") {
    return {
      operation: "agentctl:Reset",
      execute() {
        hooks.reset();
        return jsonReply(200, { ok: true });
      },
    };
  }
  if (request.method === "GET" && endpoint === "outbox") {
    const first = (key: string) => {
      const v = request.query[key];
      return Array.isArray(v) ? v[0] : v;
    };
    const topicArn = first("topicArn");
    const afterSeq = Number(first("afterSeq") ?? 0);
    return {
      operation: "agentctl:Outbox",
      execute: () =>
        jsonReply(200, {
          messages: hooks.outbox({
            ...(topicArn ? { topicArn } : {}),
            afterSeq: Number.isFinite(afterSeq) ? afterSeq : 0,
          }),
        }),
    };
  }
  return {
    operation: "Unknown",
    execute() {
      throw new AwsError(
        "UnknownOperationException",
        404,
        `No emulator endpoint ${request.method} ${request.path}; there are GET /_agentctl/health, GET /_agentctl/outbox and POST /_agentctl/reset.`,
      );
    },
  };
}
