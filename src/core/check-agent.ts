/**
 * Everything about one agent that reaches beyond its manifest: the OpenAPI files
 * it names, inline functions, local handlers and model scripts, and the quotas
 * that depend on them. File references are checked even when the manifest itself
 * has errors; checks that need the whole manifest wait for a valid one.
 */
import { access } from "node:fs/promises";
import path from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic, hasErrors } from "../diagnostics.js";
import { checkHandlerFile, checkModelScript } from "../local-assets/index.js";
import { partialActionGroups, partialLocalScript } from "../manifest/partial-agent.js";
import type { AgentDocumentSummary, AgentManifest, Located, PropertyPath } from "../manifest/types.js";
import type { OpenApiResult } from "../openapi/index.js";
import {
  checkApisPerAgent,
  countActionGroupApis,
  validateFunctionSchema,
  validateOpenApiFile,
} from "../openapi/index.js";
import { checkAgentQuotas } from "./agent-quotas.js";

export interface AgentCheck {
  diagnostics: Diagnostic[];
  /** OpenAPI files that were validated (absolute paths). */
  schemas: string[];
}

type Locator = Pick<Located<unknown>, "file" | "locate">;

export async function checkAgentDocument(doc: AgentDocumentSummary): Promise<AgentCheck> {
  const at: Locator | undefined = doc.located ?? doc.partial;
  const result: AgentCheck = { diagnostics: [], schemas: [] };
  if (!at) return result;
  const dir = path.dirname(doc.file);
  const openApiByGroup = new Map<number, OpenApiResult>();

  for (const group of partialActionGroups(doc)) {
    const where = ["actionGroups", group.index] as const;
    if (group.schema !== undefined) {
      const file = path.resolve(dir, group.schema);
      if (await exists(file)) {
        result.schemas.push(file);
        const openApi = await validateOpenApiFile(file, {
          actionGroupName: group.name ?? `actionGroups[${group.index}]`,
        });
        result.diagnostics.push(...openApi.diagnostics);
        openApiByGroup.set(group.index, openApi);
      } else {
        result.diagnostics.push(missingFile(at, [...where, "schema"], "OpenAPI schema", file));
      }
    }
    if (group.handler !== undefined) {
      const file = path.resolve(dir, group.handler);
      if (await exists(file)) result.diagnostics.push(...(await checkHandlerFile(file)));
      else result.diagnostics.push(missingFile(at, [...where, "handler"], "handler module", file));
    } else if (doc.located && !group.returnControl) {
      result.diagnostics.push(
        diagnostic(
          at.file,
          at.locate(where),
          "warning",
          "manifest/handler-missing",
          `Action group "${group.name}" has no local handler, so the emulator cannot run it.`,
          "Add `handler: handlers/<name>.ts` (the same code you deploy to Lambda), or use `executor: returnControl`.",
        ),
      );
    }
  }

  const script = partialLocalScript(doc);
  if (script !== undefined) {
    const file = path.resolve(dir, script);
    if (await exists(file)) {
      result.diagnostics.push(
        ...(await checkModelScript(file, { actionGroups: operationsByGroup(doc, openApiByGroup) })),
      );
    } else {
      result.diagnostics.push(missingFile(at, ["local", "script"], "model script", file));
    }
  }
  if (doc.located) result.diagnostics.push(...checkWholeAgent(doc.located, openApiByGroup));
  return result;
}

/**
 * What a model script may call: each action group's operationIds or function names.
 * `undefined` for a group means "unknown" (its schema did not load): the script
 * check then skips that group's operations instead of inventing errors.
 */
function operationsByGroup(
  doc: AgentDocumentSummary,
  openApiByGroup: Map<number, OpenApiResult>,
): Record<string, string[] | undefined> {
  const out: Record<string, string[] | undefined> = {};
  for (const group of partialActionGroups(doc)) {
    if (group.name === undefined) continue;
    const functions = doc.located?.value.actionGroups?.[group.index]?.functions;
    const openApi = openApiByGroup.get(group.index);
    out[group.name] = functions
      ? functions.map((f) => f.name)
      : openApi && !hasErrors(openApi.diagnostics)
        ? openApi.operations.flatMap((o) => (o.operationId ? [o.operationId] : []))
        : undefined;
  }
  return out;
}

/** Function definitions and per-agent counts: only meaningful for a valid manifest. */
function checkWholeAgent(
  agent: Located<AgentManifest>,
  openApiByGroup: Map<number, OpenApiResult>,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const groups = agent.value.actionGroups ?? [];
  const apiCounts = groups.map((group, i) => {
    if (group.functions !== undefined) {
      diagnostics.push(
        ...validateFunctionSchema(group.functions, agent, ["actionGroups", i, "functions"], group.name),
      );
    }
    return countActionGroupApis(group, openApiByGroup.get(i));
  });
  const enabledGroups = groups.filter((g) => g.enabled !== false).length;
  diagnostics.push(...checkApisPerAgent(agent, apiCounts), ...checkAgentQuotas(agent, enabledGroups));
  return diagnostics;
}

function missingFile(at: Locator, where: PropertyPath, what: string, file: string): Diagnostic {
  return diagnostic(
    at.file,
    at.locate(where),
    "error",
    "manifest/file-not-found",
    `The ${what} ${path.relative(path.dirname(at.file), file)} does not exist.`,
    "Paths in an agent manifest are relative to the manifest's own directory.",
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
