/**
 * Diagnostics for `$ref`s: remote, outside the directory, broken, circular, or pointing
 * to another file (which Bedrock itself cannot follow).
 */
import type { Diagnostic } from "../diagnostics.js";
import { diagnostic } from "../diagnostics.js";
import type { DocumentSet } from "./documents.js";
import { circularHint, describeUsage, refUsages, targetKey, type Usage } from "./ref-usage.js";
import { collectRefs, type Located, resolveRef } from "./refs.js";

export function checkRefs(set: DocumentSet): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (at: Located, severity: "error" | "warning", code: string, message: string, hint: string) =>
    out.push(diagnostic(at.doc.file, at.doc.locate([...at.path, "$ref"]), severity, code, message, hint));

  // Depth-first over "target contains a $ref to target" edges; reaching a target still on
  // the stack means dereferencing would never end.
  const state = new Map<string, "open" | "done">();
  const reportedCycles = new Set<string>();
  let usages: Map<string, Usage[]> | undefined;
  const visit = (key: string, at: Located): void => {
    state.set(key, "open");
    for (const occurrence of collectRefs(at)) {
      const target = resolveRef(set, occurrence.at.doc, occurrence.ref);
      if (target.kind !== "ok") continue;
      const next = targetKey(target.at);
      const targetState = state.get(next);
      if (targetState === "open") {
        const where = targetKey(occurrence.at);
        if (!reportedCycles.has(where)) {
          reportedCycles.add(where);
          // Unverified whether Bedrock accepts recursive schemas; the Lambda event flattens
          // a body to a list of {name,type,value} (aws-behaviour.md §4.3), which cannot
          // carry a recursive structure, so refuse rather than deploy something the agent
          // cannot fill in. The hint depends on where the cycle is used.
          usages ??= refUsages(set);
          const used = usages.get(next) ?? [];
          report(
            occurrence.at,
            "error",
            "openapi/ref-circular",
            `Circular $ref: "${occurrence.ref}" leads back to itself${describeUsage(used)}.`,
            circularHint(used),
          );
        }
      } else if (targetState === undefined) {
        visit(next, target.at);
      }
    }
    state.set(key, "done");
  };

  // One pass per document, starting at the schema itself and following every file it
  // references (and the files those reference), so each broken reference is reported
  // once, in the file where it is written.
  const docs = [set.root];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    if (!doc) continue;
    for (const { ref, at } of collectRefs({ doc, path: [], value: doc.value })) {
      const target = resolveRef(set, at.doc, ref);
      if (target.kind === "remote") {
        // §4.1: the schema reaches Bedrock as one text payload (or one S3 object); there is
        // nothing to resolve a URL against, and agentctl never fetches one.
        report(
          at,
          "error",
          "openapi/ref-remote",
          target.message,
          "Copy the referenced schema into components.",
        );
      } else if (target.kind === "outside") {
        report(
          at,
          "error",
          "openapi/ref-outside",
          target.message,
          "Keep referenced files in the schema's directory or below.",
        );
      } else if (target.kind !== "ok") {
        report(
          at,
          "error",
          "openapi/ref-unresolved",
          `Unresolved $ref: ${target.message}.`,
          "Fix the path or the JSON pointer after '#'.",
        );
      } else if (target.at.doc !== at.doc) {
        if (!docs.includes(target.at.doc)) docs.push(target.at.doc);
        // §4.1: apiSchema is a single payload string or a single S3 object, so Bedrock cannot
        // follow a reference to a sibling file. Fine locally (the emulator resolves it), but
        // the deployed schema must have it inlined.
        report(
          at,
          "warning",
          "openapi/ref-external",
          `"${ref}" refers to another file; Bedrock receives the schema as one document and cannot follow it.`,
          "Make sure the schema is bundled (external $refs inlined) before it is sent to Bedrock, or move the definition into components.",
        );
      }
    }
  }
  visit(`${set.root.file}#[]`, { doc: set.root, path: [], value: set.root.value });
  return out;
}
