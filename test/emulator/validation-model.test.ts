/**
 * The hand-written shapes, checked against two models nobody here wrote: the JS SDK's embedded schemas
 * (member names, required members, unions, sensitivity, kinds — always installed) and botocore's
 * service-2.json (every length, range, pattern and enum — when Python's botocore is installed).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import * as sdk from "@aws-sdk/client-bedrock-agent";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../src/emulator/control-plane/validation/index.js";
import type { Shape, StructureShape } from "../../src/emulator/control-plane/validation/schema.js";
import { ACTION_GROUP_OPERATIONS } from "../../src/emulator/control-plane/validation/shapes-action-groups.js";
import { AGENT_OPERATIONS } from "../../src/emulator/control-plane/validation/shapes-agents.js";
import { ALIAS_VERSION_OPERATIONS } from "../../src/emulator/control-plane/validation/shapes-aliases-versions.js";
import { COLLABORATOR_KB_TAG_OPERATIONS } from "../../src/emulator/control-plane/validation/shapes-collaborators-kb-tags.js";

const OURS: Record<string, StructureShape> = {
  ...AGENT_OPERATIONS,
  ...ACTION_GROUP_OPERATIONS,
  ...ALIAS_VERSION_OPERATIONS,
  ...COLLABORATOR_KB_TAG_OPERATIONS,
};

/** What a shape looks like once its model-specific encoding is decoded. */
interface Described {
  kind: string;
  sensitive: boolean;
  members?: { name: string; required: boolean; ref: unknown }[];
  listMember?: unknown;
  mapValue?: unknown;
}

/** Decodes the SDK's schema tuples: [3|4, ns, name, traits, names, refs, requiredCount], [1 …], [2 …], 0/1/2/15, 64|x, 128|x. */
function describeSdk(ref: unknown, sensitive = false): Described {
  if (typeof ref === "function") return describeSdk(ref(), sensitive);
  if (typeof ref === "number") {
    if (ref & 64) return { kind: "list", sensitive, listMember: ref & ~64 };
    if (ref & 128) return { kind: "map", sensitive, mapValue: ref & ~128 };
    const scalar: Record<number, string> = { 0: "string", 1: "number", 2: "boolean", 15: "document" };
    return { kind: scalar[ref] ?? `sdk-${ref}`, sensitive };
  }
  const tuple = ref as unknown[];
  const traitSensitive = (traits: unknown) => typeof traits === "number" && (traits & 8) !== 0;
  if (tuple.length === 2) return describeSdk(tuple[0], sensitive || traitSensitive(tuple[1]));
  const own = sensitive || traitSensitive(tuple[3]);
  switch (tuple[0]) {
    case 0:
      return describeSdk(tuple[4], own);
    case 1:
      return { kind: "list", sensitive: own, listMember: tuple[4] };
    case 2:
      return { kind: "map", sensitive: own, mapValue: tuple[5] };
    default: {
      const names = tuple[4] as string[];
      const refs = tuple[5] as unknown[];
      const requiredCount = (tuple[6] as number | undefined) ?? 0;
      return {
        kind: tuple[0] === 4 ? "union" : "structure",
        sensitive: own,
        members: names.map((name, i) => ({ name, required: i < requiredCount, ref: refs[i] })),
      };
    }
  }
}

function ourKind(shape: Shape): string {
  if (shape.kind === "integer" || shape.kind === "float") return "number";
  if (shape.kind === "structure") return shape.union ? "union" : "structure";
  return shape.kind;
}

function compareWithSdk(ours: Shape, ref: unknown, at: string): void {
  const theirs = describeSdk(ref);
  expect(ourKind(ours), `${at}: kind`).toBe(theirs.kind);
  expect(ours.sensitive, `${at}: sensitive`).toBe(theirs.sensitive);
  if (ours.kind === "structure") {
    const members = theirs.members ?? [];
    expect(ours.members.map((m) => m.name).sort(), `${at}: members`).toEqual(
      members.map((m) => m.name).sort(),
    );
    for (const member of ours.members) {
      const other = members.find((m) => m.name === member.name);
      expect(member.required, `${at}.${member.name}: required`).toBe(other?.required);
      compareWithSdk(member.shape, other?.ref, `${at}.${member.name}`);
    }
  } else if (ours.kind === "list") {
    compareWithSdk(ours.member, theirs.listMember, `${at}[]`);
  } else if (ours.kind === "map") {
    compareWithSdk(ours.value, theirs.mapValue, `${at}{}`);
  }
}

describe("shapes match the JS SDK's schemas", () => {
  const schemas = sdk as unknown as Record<string, unknown>;
  it.each(OPERATIONS.map((op) => [op]))("%s", (operation) => {
    const ours = OURS[operation];
    const ref = schemas[`${operation}Request$`];
    expect(ref, `${operation}Request$ exported by the SDK`).toBeDefined();
    if (ours) compareWithSdk(ours, ref, operation);
  });
});

interface BotoShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  key?: { shape: string };
  value?: { shape: string };
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  sensitive?: boolean;
  union?: boolean;
  document?: boolean;
}

interface BotoModel {
  operations: Record<string, { input: { shape: string } }>;
  shapes: Record<string, BotoShape>;
}

function loadBotocoreModel(): { model?: BotoModel; reason?: string } {
  const found = spawnSync(
    "python3",
    ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__))"],
    {
      encoding: "utf8",
    },
  );
  if (found.status !== 0) return { reason: "python3 with botocore is not installed" };
  const dir = path.join(found.stdout.trim(), "data", "bedrock-agent", "2023-06-05");
  const plain = path.join(dir, "service-2.json");
  const gz = `${plain}.gz`;
  if (existsSync(plain)) return { model: JSON.parse(readFileSync(plain, "utf8")) as BotoModel };
  if (existsSync(gz))
    return { model: JSON.parse(gunzipSync(readFileSync(gz)).toString("utf8")) as BotoModel };
  return { reason: `botocore has no bedrock-agent model under ${dir}` };
}

function compareWithBotocore(ours: Shape, name: string, model: BotoModel, at: string): void {
  const theirs = model.shapes[name] as BotoShape;
  const bounds = (s: { min?: number; max?: number }) => ({ min: s.min, max: s.max });
  if (theirs.document) {
    expect(ours.kind, `${at}: document`).toBe("document");
    return;
  }
  expect(ours.kind, `${at}: type`).toBe(theirs.type === "structure" ? "structure" : theirs.type);
  expect(ours.sensitive, `${at}: sensitive`).toBe(theirs.sensitive === true);
  switch (ours.kind) {
    case "string":
      expect(bounds(ours), `${at}: length`).toEqual(bounds(theirs));
      // Echoed verbatim, the tagging ARN's `/d{12}` typo included (validation applies the corrected form).
      expect(ours.pattern?.display, `${at}: pattern`).toBe(theirs.pattern);
      expect(ours.enumValues, `${at}: enum`).toEqual(theirs.enum);
      return;
    case "integer":
    case "float":
      expect(bounds(ours), `${at}: range`).toEqual(bounds(theirs));
      return;
    case "list":
      expect(bounds(ours), `${at}: length`).toEqual(bounds(theirs));
      compareWithBotocore(ours.member, theirs.member?.shape ?? "", model, `${at}[]`);
      return;
    case "map":
      compareWithBotocore(ours.key, theirs.key?.shape ?? "", model, `${at}{key}`);
      compareWithBotocore(ours.value, theirs.value?.shape ?? "", model, `${at}{}`);
      return;
    case "structure": {
      expect(ours.union, `${at}: union`).toBe(theirs.union === true);
      const members = theirs.members ?? {};
      expect([...ours.memberNames], `${at}: members in model order`).toEqual(Object.keys(members));
      const required = new Set(theirs.required ?? []);
      for (const member of ours.members) {
        expect(member.required, `${at}.${member.name}: required`).toBe(required.has(member.name));
        compareWithBotocore(member.shape, members[member.name]?.shape ?? "", model, `${at}.${member.name}`);
      }
      return;
    }
    default:
      return;
  }
}

const botocore = loadBotocoreModel();
if (botocore.reason) console.warn(`validation-model: skipping the botocore comparison: ${botocore.reason}`);

describe.skipIf(botocore.model === undefined)("shapes match botocore's bedrock-agent model", () => {
  it.each(OPERATIONS.map((op) => [op]))("%s", (operation) => {
    const model = botocore.model as BotoModel;
    const input = model.operations[operation]?.input.shape;
    expect(input, `${operation} in botocore`).toBeDefined();
    const ours = OURS[operation];
    if (ours && input) compareWithBotocore(ours, input, model, operation);
  });
});
