import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Http2ServerRequest } from "node:http2";
import type { AccessLog } from "../access-log.js";
import { AwsError } from "../aws-error.js";
import type { FaultInjector } from "../faults.js";
import { runtimeOperation } from "../services/agent-runtime.js";
import { SFN_TARGET_PREFIX } from "../services/step-functions.js";
import type { HttpHandler } from "./listener.js";
import { awsJsonErrorReply, type Reply, restJsonErrorReply } from "./reply.js";
import { decodeSegments, type NormalisedRequest, parseQuery, readBody, splitTarget } from "./request.js";
import type { RoutedCall, Service } from "./service.js";

export interface DispatchDeps {
  controlPlane: Service;
  runtime: Service;
  stepFunctions: Service;
  /** IAM, STS, SNS or Lambda when the request is theirs (service-claims.ts), checked before Bedrock's routing. */
  claim?(request: NormalisedRequest): Service | undefined;
  /** The emulator's own endpoints, or undefined when the path is not one. */
  internal(request: NormalisedRequest): RoutedCall | undefined;
  faults: FaultInjector;
  accessLog: AccessLog;
  /** Longest silence while a request body is arriving (ServerLimits.bodyStallMs). */
  bodyStallMs: number;
}

/** SQLite's "busy"/"locked" after busy_timeout: another process holds the write lock. */
function isSqliteBusy(err: unknown): boolean {
  const code = (err as { errcode?: number }).errcode;
  return code === 5 || code === 6;
}

function toAwsError(err: unknown): AwsError {
  if (err instanceof AwsError) return err;
  // Retryable by name in every SDK, which is what a momentarily locked database is.
  if (isSqliteBusy(err))
    return new AwsError("ThrottlingException", 429, "The emulator's database is busy; retry.");
  return new AwsError(
    "InternalServerException",
    500,
    `The local emulator failed to handle the request: ${(err as Error)?.message ?? String(err)}`,
  );
}

function injectedFault(kind: "throttle" | "error500"): AwsError {
  return kind === "throttle"
    ? new AwsError("ThrottlingException", 429, "Rate exceeded (injected by the emulator's throttle fault).")
    : new AwsError(
        "InternalServerException",
        500,
        "Internal server error (injected by the emulator's error500 fault).",
      );
}

function unknownTarget(rawTarget: string): AwsError {
  const target = rawTarget.length > 200 ? `${rawTarget.slice(0, 200)}…` : rawTarget;
  return new AwsError(
    "UnknownOperationException",
    400,
    `The local emulator has no operation for X-Amz-Target "${target}": it serves only Bedrock Agents (bedrock-agent, bedrock-agent-runtime) and Step Functions (X-Amz-Target: ${SFN_TARGET_PREFIX}<Operation>). Point this client at AWS or at an emulator for its own service.`,
  );
}

/**
 * The single request handler behind both HTTP versions: normalise, route to a
 * service, inject faults, run, frame errors in the service's protocol, log.
 */
export function createHttpHandler(deps: DispatchDeps): HttpHandler {
  return async (req: IncomingMessage | Http2ServerRequest) => {
    const started = performance.now();
    const requestId = randomUUID();
    // Any X-Amz-Target makes it an awsJson call, whatever service it names: its
    // client reads the error code from the body's __type only (botocore, §1.3).
    const rawTarget = req.headers["x-amz-target"];
    const target = rawTarget === undefined ? undefined : String(rawTarget);
    let protocol: Service["protocol"] = target === undefined ? "restJson" : "awsJson";
    let operation = "Unknown";
    let reply: Reply;
    let errorType: string | undefined;
    let service: Service | undefined;
    try {
      const body = await readBody(req, req.headers["content-length"], deps.bodyStallMs);
      const { path, queryText } = splitTarget(req.url ?? "/");
      const request: NormalisedRequest = {
        method: req.method ?? "GET",
        path,
        segments: decodeSegments(path),
        query: parseQuery(queryText),
        headers: req.headers,
        body,
        requestId,
      };
      let call = deps.internal(request);
      if (!call) {
        if (target !== undefined && !target.startsWith(SFN_TARGET_PREFIX)) throw unknownTarget(target);
        service =
          (target === undefined ? deps.claim?.(request) : undefined) ??
          (target !== undefined
            ? deps.stepFunctions
            : runtimeOperation(request.method, request.segments) !== undefined
              ? deps.runtime
              : deps.controlPlane);
        protocol = service.protocol;
        call = service.route(request);
        operation = call.operation;
        const fault = deps.faults.requestFault();
        if (fault) throw injectedFault(fault);
      }
      operation = call.operation;
      reply = await call.execute();
    } catch (err) {
      const awsError = toAwsError(err);
      errorType = awsError.code;
      reply = service?.errorReply
        ? service.errorReply(awsError, requestId)
        : protocol === "awsJson"
          ? awsJsonErrorReply(awsError)
          : restJsonErrorReply(awsError);
    }
    deps.accessLog.record({
      time: new Date().toISOString(),
      operation,
      status: reply.status,
      durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      requestId,
      ...(errorType ? { errorType } : {}),
    });
    return { ...reply, requestId };
  };
}
