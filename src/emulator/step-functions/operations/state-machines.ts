/** Create/Describe/Update/Delete/List state machines and ValidateStateMachineDefinition. */
import { randomUUID } from "node:crypto";
import type { SfnContext } from "../context.js";
import { checkDefinition, requireValidDefinition } from "../definition.js";
import { sfnError } from "../errors.js";
import {
  decodePageToken,
  encodePageToken,
  optional,
  optionalInt,
  required,
  type SfnInput,
} from "../input.js";
import { checkName, epochSeconds, parseArn, stateMachineArn } from "../names.js";
import { StateMachineTable, type StoredStateMachine } from "../state-machine-table.js";
import { tagsFromInput } from "./tags.js";

const OFF_LOGGING = { level: "OFF", includeExecutionData: false };
const MAX_DEFINITION = 1_048_576;

export const machines = (ctx: SfnContext): StateMachineTable => new StateMachineTable(ctx.store.db);

export function getMachine(ctx: SfnContext, arn: string): StoredStateMachine {
  parseArn(arn, "stateMachine");
  const machine = machines(ctx).get(arn);
  if (!machine) throw sfnError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
  return machine;
}

function definitionText(input: SfnInput, field = "definition"): string {
  const text = required(input, field);
  if (text.length > MAX_DEFINITION)
    throw sfnError(
      "ValidationException",
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_DEFINITION}`,
    );
  return text;
}

function machineType(input: SfnInput): "STANDARD" | "EXPRESS" {
  const type = optional(input, "type") ?? "STANDARD";
  if (type !== "STANDARD" && type !== "EXPRESS")
    throw sfnError(
      "ValidationException",
      `1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
    );
  return type;
}

export function createStateMachine(ctx: SfnContext, input: SfnInput) {
  const name = required(input, "name");
  checkName(name, "state machine");
  const definition = definitionText(input);
  const roleArn = required(input, "roleArn");
  const type = machineType(input);
  requireValidDefinition(definition, type);
  const table = machines(ctx);
  const existing = table.byName(name);
  if (existing) {
    // Idempotent on the same definition and type; roleArn and tags of a repeat are ignored (§6.2).
    if (existing.definition === definition && existing.type === type)
      return { stateMachineArn: existing.stateMachineArn, creationDate: epochSeconds(existing.creationDate) };
    throw sfnError(
      "StateMachineAlreadyExists",
      `State Machine Already Exists: '${existing.stateMachineArn}'`,
    );
  }
  const machine: StoredStateMachine = {
    stateMachineArn: stateMachineArn(ctx, name),
    name,
    definition,
    roleArn,
    type,
    creationDate: ctx.now(),
    revisionId: randomUUID(),
    status: "ACTIVE",
    loggingConfiguration: input.loggingConfiguration ?? OFF_LOGGING,
    tracingConfiguration: input.tracingConfiguration ?? { enabled: false },
    ...(input.encryptionConfiguration ? { encryptionConfiguration: input.encryptionConfiguration } : {}),
  };
  table.put(machine);
  const tags = tagsFromInput(input.tags);
  if (Object.keys(tags).length > 0) ctx.store.tags.put(machine.stateMachineArn, tags);
  return { stateMachineArn: machine.stateMachineArn, creationDate: epochSeconds(machine.creationDate) };
}

export function describeStateMachine(ctx: SfnContext, input: SfnInput) {
  const machine = getMachine(ctx, required(input, "stateMachineArn"));
  return {
    stateMachineArn: machine.stateMachineArn,
    name: machine.name,
    status: machine.status,
    definition: machine.definition,
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: epochSeconds(machine.creationDate),
    loggingConfiguration: machine.loggingConfiguration,
    tracingConfiguration: machine.tracingConfiguration,
    revisionId: machine.revisionId,
    ...(machine.encryptionConfiguration ? { encryptionConfiguration: machine.encryptionConfiguration } : {}),
  };
}

export function updateStateMachine(ctx: SfnContext, input: SfnInput) {
  const machine = getMachine(ctx, required(input, "stateMachineArn"));
  const definition = optional(input, "definition");
  const roleArn = optional(input, "roleArn");
  if (
    definition === undefined &&
    roleArn === undefined &&
    input.loggingConfiguration === undefined &&
    input.tracingConfiguration === undefined
  )
    throw sfnError(
      "MissingRequiredParameter",
      "Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified",
    );
  if (definition !== undefined) {
    requireValidDefinition(definitionText(input), machine.type);
    machine.definition = definition;
  }
  if (roleArn !== undefined) machine.roleArn = roleArn;
  if (input.loggingConfiguration !== undefined) machine.loggingConfiguration = input.loggingConfiguration;
  if (input.tracingConfiguration !== undefined) machine.tracingConfiguration = input.tracingConfiguration;
  machine.updateDate = ctx.now();
  machine.revisionId = randomUUID();
  machines(ctx).put(machine);
  return { updateDate: epochSeconds(machine.updateDate), revisionId: machine.revisionId };
}

/**
 * AWS deletes asynchronously (DELETING, then gone once executions stop); here
 * the machine goes at once and running executions keep their own copy of the
 * definition, so they finish normally.
 */
export function deleteStateMachine(ctx: SfnContext, input: SfnInput) {
  const arn = required(input, "stateMachineArn");
  parseArn(arn, "stateMachine");
  machines(ctx).delete(arn);
  ctx.store.tags.delete(arn);
  return {};
}

export function listStateMachines(ctx: SfnContext, input: SfnInput) {
  const limit = optionalInt(input, "maxResults", 0, 1000) || 100;
  const after = decodePageToken(input, "state-machines") ?? 0;
  const rows = machines(ctx).page(after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    stateMachines: page.map(({ machine }) => ({
      stateMachineArn: machine.stateMachineArn,
      name: machine.name,
      type: machine.type,
      creationDate: epochSeconds(machine.creationDate),
    })),
    ...(rows.length > limit && last ? { nextToken: encodePageToken("state-machines", last.seq) } : {}),
  };
}

export function validateStateMachineDefinition(_ctx: SfnContext, input: SfnInput) {
  const text = definitionText(input);
  const type = machineType(input);
  const severity = optional(input, "severity") ?? "ERROR";
  const max = optionalInt(input, "maxResults", 0, 100) || 100;
  const all = checkDefinition(text, type).diagnostics.filter(
    (d) => severity === "WARNING" || d.severity === "ERROR",
  );
  return {
    result: all.some((d) => d.severity === "ERROR") ? "FAIL" : "OK",
    diagnostics: all.slice(0, max),
    truncated: all.length > max,
  };
}
