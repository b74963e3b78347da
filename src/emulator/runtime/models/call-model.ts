/**
 * Calls an adapter and turns what goes wrong into what AWS would stream: a model that
 * throttles → throttlingException, times out or fails → dependencyFailedException, refuses
 * access → accessDeniedException, and so on (aws-behaviour.md §1.4's exception members).
 */
import { StreamError } from "../errors.js";
import type { StreamExceptionName } from "../protocol/event-stream.js";
import type { ModelAdapter, ModelReply, ModelRequest } from "./types.js";

const BY_NAME: Record<string, StreamExceptionName> = {
  ThrottlingException: "throttlingException",
  TooManyRequestsException: "throttlingException",
  ServiceQuotaExceededException: "serviceQuotaExceededException",
  AccessDeniedException: "accessDeniedException",
  UnrecognizedClientException: "accessDeniedException",
  ExpiredTokenException: "accessDeniedException",
  ModelNotReadyException: "modelNotReadyException",
  ValidationException: "validationException",
  ResourceNotFoundException: "resourceNotFoundException",
  InternalServerException: "internalServerException",
  ServiceUnavailableException: "dependencyFailedException",
  ModelTimeoutException: "dependencyFailedException",
  ModelErrorException: "dependencyFailedException",
};

export function callModel(
  model: ModelAdapter,
  request: ModelRequest,
  agentName: string,
): Promise<ModelReply> {
  return guardModel(model, request, agentName, () => model.decide(request));
}

/** Runs one model call (orchestration, pre- or post-processing) with AWS's error mapping. */
export async function guardModel<T>(
  model: ModelAdapter,
  request: ModelRequest,
  agentName: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof StreamError) throw err;
    const e = err as { name?: string; message?: string };
    const name = BY_NAME[e.name ?? ""] ?? "dependencyFailedException";
    throw new StreamError(
      name,
      `The ${model.kind} model of agent ${agentName} failed: ${e.name ?? "Error"}: ${e.message ?? String(err)}`,
      name === "dependencyFailedException"
        ? { resourceName: request.snapshot.definition.foundationModel ?? model.kind }
        : {},
    );
  }
}
