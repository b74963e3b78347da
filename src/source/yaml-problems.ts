/**
 * Turns the YAML library's findings into diagnostics a person can act on: its own
 * messages are written for programmers ("please use YAML.parseAllDocuments()").
 */
import { type Document, isMap, isScalar, visit, type YAMLError, type YAMLWarning } from "yaml";

export interface YamlProblem {
  offset: number;
  message: string;
  hint?: string;
}

const REWRITES: Record<string, (message: string) => Omit<YamlProblem, "offset">> = {
  MULTIPLE_DOCS: () => ({
    message: "The file holds more than one YAML document (a `---` line after content).",
    hint: "agentctl reads one document per file: remove the `---` separator or split the file.",
  }),
  TAB_AS_INDENT: () => ({
    message: "A tab is used for indentation; YAML allows only spaces.",
    hint: "Replace the tab with spaces (two per level is usual).",
  }),
  BLOCK_AS_IMPLICIT_KEY: (message) => ({
    message,
    hint: "Check the indentation of this line against the line above: a nested field needs its parent on its own line.",
  }),
  MISSING_CHAR: (message) => ({ message, hint: "A quote or bracket opened earlier is never closed." }),
};

/**
 * One problem per line: the library often follows a real error with a consequence
 * of it on the same line ("Nested mappings…", then "Implicit keys…").
 */
export function syntaxProblems(
  errors: readonly YAMLError[],
  lineOf: (offset: number) => number,
): YamlProblem[] {
  const seenLines = new Set<number>();
  const problems: YamlProblem[] = [];
  for (const e of errors) {
    const line = lineOf(e.pos[0]);
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    const firstLine = e.message.split("\n")[0] ?? e.message;
    const rewrite = REWRITES[e.code];
    problems.push({ offset: e.pos[0], ...(rewrite ? rewrite(firstLine) : { message: firstLine }) });
  }
  return problems;
}

/** CloudFormation/SAM short forms (`!Ref`, `!GetAtt`, `!Sub`…) that YAML keeps as plain text. */
export function tagWarnings(warnings: readonly YAMLWarning[]): YamlProblem[] {
  return warnings
    .filter((w) => w.code === "TAG_RESOLVE_FAILED")
    .map((w) => {
      const tag = /!\S+/.exec(w.message)?.[0] ?? "tag";
      return {
        offset: w.pos[0],
        message: `The YAML tag ${tag} is not evaluated here: its value is read as plain text.`,
        // biome-ignore lint/suspicious/noTemplateCurlyInString: agentctl's own placeholders, shown literally.
        hint: "CloudFormation intrinsic functions only work inside a CloudFormation/SAM template. In agentctl files use ${region}, ${account}, ${env:NAME} or ${agents.NAME.aliasArn}.",
      };
    });
}

/**
 * Duplicate keys, found in one pass (the library's own `uniqueKeys` check compares
 * every key with every other and takes minutes on large files).
 */
export function duplicateKeys(doc: Document, lineOf: (offset: number) => number): YamlProblem[] {
  const problems: YamlProblem[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const first = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        const offset = pair.key.range?.[0] ?? 0;
        const earlier = first.get(key);
        if (earlier === undefined) {
          first.set(key, offset);
          continue;
        }
        problems.push({
          offset,
          message: `Duplicate key "${String(key)}": keys must be unique in a mapping (first at line ${lineOf(earlier)}).`,
          hint: "Each key may appear once in a mapping; the later value would silently replace the earlier one.",
        });
      }
    },
  });
  return problems;
}
