import { describe, expect, it } from "vitest";
import { closestMatch, editDistance } from "../../src/source/did-you-mean.js";

describe("did you mean", () => {
  it("counts a swap of neighbouring letters as one edit", () => {
    expect(editDistance("modle", "model")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests the close name and nothing for unrelated ones", () => {
    expect(closestMatch("modle", ["model", "role", "name"])).toBe("model");
    expect(closestMatch("instructon", ["instruction", "description"])).toBe("instruction");
    expect(closestMatch("B", ["A"])).toBeUndefined();
    expect(closestMatch("zzzzzz", ["model", "role"])).toBeUndefined();
  });
});
