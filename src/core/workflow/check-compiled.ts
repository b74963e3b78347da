/**
 * validate's second look at a workflow template: compiled as deploy will compile it (with
 * placeholder ids when nothing is deployed), the definition must pass the same ASL checks.
 * Run only on a template without errors of its own, so anything found here is what the
 * compilation makes of it; reported at the template's state, since the compiled text is
 * nobody's file.
 */
import { ADAPTER_ERRORS } from "../../adapter/invoke-agent.js";
import type { Locator } from "../../asl/check-context.js";
import { INVOKE_AGENT_RESOURCE } from "../../asl/invoke-agent-task.js";
import { collectStates, isObject, type JsonObject, type StateRef } from "../../asl/states.js";
import { type AslValidationOptions, validateStateMachineDefinition } from "../../asl/validate.js";
import type { Diagnostic } from "../../diagnostics.js";
import { diagnostic, START } from "../../diagnostics.js";
import { compileWorkflow } from "./compile.js";
import { PLACEHOLDER_ADAPTER_ARN, placeholderAgents } from "./placeholder-agents.js";
import { WorkflowCompileError } from "./types.js";

export function checkCompiledTemplate(
  template: JsonObject,
  doc: Locator,
  file: string,
  opts: AslValidationOptions,
  region?: string,
): Diagnostic[] {
  let compiled: JsonObject;
  try {
    compiled = compileWorkflow(template, {
      agents: placeholderAgents(opts.aliases ?? {}, opts.agentNames, region ? { region } : {}),
      adapterFunctionArn: PLACEHOLDER_ADAPTER_ARN,
    });
  } catch (e) {
    if (!(e instanceof WorkflowCompileError)) throw e;
    return [diagnostic(file, doc.locateKey(e.path), "error", "asl/compile", e.message, e.hint)];
  }
  const states = collectStates(template);
  return [...sdkErrorNames(states, doc, file), ...compiledProblems(compiled, states, doc, file, opts)];
}

/**
 * Retry/Catch of an agent task naming the SDK's exception (ThrottlingException) never match:
 * the adapter raises its own names (Agent.Throttling), which the Step Functions error carries.
 */
function sdkErrorNames(states: StateRef[], doc: Locator, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ref of states) {
    if (ref.state.Resource !== INVOKE_AGENT_RESOURCE) continue;
    for (const field of ["Retry", "Catch"]) {
      const list = ref.state[field];
      if (!Array.isArray(list)) continue;
      list.forEach((rule, i) => {
        const errors = isObject(rule) && Array.isArray(rule.ErrorEquals) ? rule.ErrorEquals : [];
        errors.forEach((name, j) => {
          const ours = typeof name === "string" ? ADAPTER_ERRORS[name] : undefined;
          if (!ours) return;
          out.push(
            diagnostic(
              file,
              doc.locate([...ref.path, field, i, "ErrorEquals", j]),
              "warning",
              "asl/agent-error-name",
              `State "${ref.name}": ${field}[${i}] names "${name}", which an agentctl:invokeAgent task never raises: the adapter reports it as "${ours}".`,
              `Write "${ours}" (the agent errors are named Agent.*; see the README's "Workflow templates and the adapter").`,
            ),
          );
        });
      });
    }
  }
  return out;
}

function compiledProblems(
  compiled: JsonObject,
  states: StateRef[],
  doc: Locator,
  file: string,
  opts: AslValidationOptions,
): Diagnostic[] {
  return validateStateMachineDefinition(compiled, file, opts)
    .filter((d) => d.severity === "error")
    .map((d) => {
      const name = /^State "([^"]+)"/.exec(d.message)?.[1];
      const state = states.find((s) => s.name === name);
      return diagnostic(
        file,
        state ? doc.locateKey(state.path) : START,
        "error",
        "asl/compiled-invalid",
        `After compiling agentctl:invokeAgent and placeholders: ${d.message}`,
        "This is agentctl's compilation of the template; please report it with the template.",
      );
    });
}
