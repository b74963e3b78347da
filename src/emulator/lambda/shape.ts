import type { StoredFunction } from "./store.js";

/** `2024-05-01T10:00:00.000+0000`, the form Lambda uses for LastModified (a plain string, §2.3). */
export function lambdaTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace("Z", "+0000");
}

/** State and LastUpdateStatus as of `now` (create and update windows, §2.3 lifecycle). */
export function lifecycle(fn: StoredFunction, now: number) {
  const pending = now < fn.activeAt;
  const updating = !pending && now < fn.updateDoneAt;
  return {
    State: pending ? "Pending" : "Active",
    ...(pending ? { StateReason: "The function is being created.", StateReasonCode: "Creating" } : {}),
    LastUpdateStatus: updating ? "InProgress" : "Successful",
    ...(updating
      ? { LastUpdateStatusReason: "The function is being updated.", LastUpdateStatusReasonCode: "InProgress" }
      : {}),
  };
}

/** The FunctionConfiguration structure every function operation returns. */
export function configurationOf(fn: StoredFunction, now: number): Record<string, unknown> {
  const s = fn.current;
  return {
    FunctionName: fn.FunctionName,
    FunctionArn: fn.FunctionArn,
    Runtime: s.Runtime,
    Role: s.Role,
    Handler: s.Handler,
    CodeSize: s.CodeSize,
    Description: s.Description,
    Timeout: s.Timeout,
    MemorySize: s.MemorySize,
    LastModified: lambdaTimestamp(s.LastModified),
    CodeSha256: s.CodeSha256,
    Version: "$LATEST",
    ...(s.Environment ? { Environment: { Variables: { ...s.Environment.Variables } } } : {}),
    TracingConfig: { Mode: "PassThrough" },
    RevisionId: fn.RevisionId,
    ...lifecycle(fn, now),
    PackageType: "Zip",
    Architectures: [...s.Architectures],
    EphemeralStorage: { ...s.EphemeralStorage },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    LoggingConfig: { LogFormat: "Text", LogGroup: `/aws/lambda/${fn.FunctionName}` },
  };
}
