/** Workflow templates → Step Functions definitions, and the adapter Lambda they call. */
export {
  ADAPTER_HANDLER,
  ADAPTER_RUNTIME,
  adapterCodeSha256,
  adapterPackage,
  buildAdapterZip,
} from "./adapter-zip.js";
export { compileWorkflow, usesAgents } from "./compile.js";
export { DEFAULT_RETRY, LAMBDA_INVOKE } from "./compile-task.js";
export { placeholderAgents } from "./placeholder-agents.js";
export type { CompileInputs, ResolvedAgent, ResolvedAgents, ResolvedAlias } from "./types.js";
export { WorkflowCompileError } from "./types.js";
