/**
 * The workflow compiler: a state-machine template of the project (ASL as parsed from JSON or
 * YAML, JSONPath or JSONata) → the definition deploy sends to Step Functions. Pure: the
 * template, the deployed agents' ids and the adapter's ARN in; a new definition out (the
 * template is not modified). Every `agentctl:invokeAgent` task, at any depth (Parallel
 * branches, Map processors), becomes a call of the adapter (compile-task.ts), and `${…}`
 * placeholders are filled in (substitute.ts). Problems the project's validation reports in
 * the template itself throw WorkflowCompileError with the path of the offending node.
 */
import { INVOKE_AGENT_RESOURCE } from "../../asl/invoke-agent-task.js";
import { collectStates, isObject, type JsonObject, setValueAt } from "../../asl/states.js";
import { compileInvokeAgentState } from "./compile-task.js";
import { substitutePlaceholders } from "./substitute.js";
import { type CompileInputs, WorkflowCompileError } from "./types.js";

export function compileWorkflow(template: unknown, inputs: CompileInputs): JsonObject {
  if (!isObject(template) || !isObject(template.States))
    throw new WorkflowCompileError("A state-machine template is an object with StartAt and States.", []);
  const definition = substitutePlaceholders(structuredClone(template), inputs) as JsonObject;
  // A Task holds no states, so replacing one leaves every other state's path as collected.
  const tasks = collectStates(definition).filter(
    (ref) => ref.state.Type === "Task" && ref.state.Resource === INVOKE_AGENT_RESOURCE,
  );
  for (const ref of tasks)
    setValueAt(definition, ref.path, compileInvokeAgentState(ref.state, ref.path, ref.queryLanguage, inputs));
  return definition;
}

/** Whether a template calls agents at all (a definition without any needs no adapter). */
export function usesAgents(template: unknown): boolean {
  return (
    isObject(template) && collectStates(template).some((ref) => ref.state.Resource === INVOKE_AGENT_RESOURCE)
  );
}
