/** Trace rendering and stream decoding, shared by invoke, trace, chat and run-workflow. */
export { createTraceRenderer } from "./renderer.js";
export type { StreamEvent, TraceDetail, TraceRenderer, TraceRendererOptions, TraceSummary } from "./types.js";
export { TRACE_DETAILS } from "./types.js";
