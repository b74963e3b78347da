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
 * `GET /_agentctl/health` (is an emulator serving this port, and which one) and
 * `POST /_agentctl/reset` (what `agentctl local reset` calls while a server
 * runs). Never faulted; not AWS operations.
 */
export function internalCall(
  request: NormalisedRequest,
  identity: EmulatorIdentity,
  reset: () => void,
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
        reset();
        return jsonReply(200, { ok: true });
      },
    };
  }
  return {
    operation: "Unknown",
    execute() {
      throw new AwsError(
        "UnknownOperationException",
        404,
        `No emulator endpoint ${request.method} ${request.path}; there are GET /_agentctl/health and POST /_agentctl/reset.`,
      );
    },
  };
}
