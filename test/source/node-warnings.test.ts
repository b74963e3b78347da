import { expect, it } from "vitest";
import { withoutExperimentalWarning } from "../../src/node-warnings.js";

it("drops only the named experimental warning, only while the call runs, and returns its result", () => {
  const seen: string[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((w: string | Error) => void seen.push(String(w))) as typeof process.emitWarning;
  try {
    const result = withoutExperimentalWarning("SQLite is an experimental feature", () => {
      process.emitWarning("SQLite is an experimental feature and might change at any time");
      process.emitWarning("something else");
      return 42;
    });
    process.emitWarning("SQLite is an experimental feature, after the call");
    expect(result).toBe(42);
    expect(seen).toEqual(["something else", "SQLite is an experimental feature, after the call"]);
  } finally {
    process.emitWarning = original;
  }
});
