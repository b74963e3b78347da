/** The 18 intrinsic functions, with the examples of AWS's intrinsic-functions page. */
import { describe, expect, it } from "vitest";
import { machine, pass, runToEnd } from "./harness.js";

async function evaluate(expression: string, input: unknown = {}) {
  const r = await runToEnd(machine({ P: pass({ Parameters: { "v.$": expression } }) }), input as never);
  if (r.exec.status !== "SUCCEEDED") return { error: r.exec.error, cause: r.exec.cause };
  return { value: (r.output as { v: unknown }).v };
}

describe("intrinsic functions", () => {
  it("States.Format, with escapes and non-string arguments", async () => {
    expect(await evaluate("States.Format('Hello, my name is {}.', $.name)", { name: "Arnav" })).toEqual({
      value: "Hello, my name is Arnav.",
    });
    expect(await evaluate("States.Format('{} and {}: \\{\\}', $.n, $.o)", { n: 1, o: { a: 1 } })).toEqual({
      value: '1 and {"a":1}: {}',
    });
    expect((await evaluate("States.Format('{} {}', $.n)", { n: 1 })).error).toBe("States.IntrinsicFailure");
  });

  it("States.StringToJson and States.JsonToString", async () => {
    expect(await evaluate("States.StringToJson($.s)", { s: '{"number": 20}' })).toEqual({
      value: { number: 20 },
    });
    expect(await evaluate("States.JsonToString($.o)", { o: { name: "Foo", zebra: 2 } })).toEqual({
      value: '{"name":"Foo","zebra":2}',
    });
  });

  it("States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique", async () => {
    expect(await evaluate("States.Array('Foo', 2020, $.a, null)", { a: { x: 1 } })).toEqual({
      value: ["Foo", 2020, { x: 1 }, null],
    });
    expect(await evaluate("States.ArrayPartition($.a, 4)", { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual({
      value: [[1, 2, 3, 4], [5, 6, 7, 8], [9]],
    });
    expect(
      await evaluate("States.ArrayContains($.a, $.v)", { a: [1, 2, 3, 4, 5, 6, 7, 8, 9], v: 5 }),
    ).toEqual({ value: true });
    expect(await evaluate("States.ArrayContains($.a, 10)", { a: [1] })).toEqual({ value: false });
    expect(await evaluate("States.ArrayRange(1, 9, 2)")).toEqual({ value: [1, 3, 5, 7, 9] });
    expect(await evaluate("States.ArrayGetItem($.a, 5)", { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual({
      value: 6,
    });
    expect(await evaluate("States.ArrayLength($.a)", { a: [1, 2, 3] })).toEqual({ value: 3 });
    expect(await evaluate("States.ArrayUnique($.a)", { a: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual({
      value: [1, 2, 3, 4],
    });
    expect((await evaluate("States.ArrayRange(1, 2000, 1)")).error).toBe("States.IntrinsicFailure");
  });

  it("States.Base64Encode and States.Base64Decode", async () => {
    expect(await evaluate("States.Base64Encode($.s)", { s: "Data to encode" })).toEqual({
      value: "RGF0YSB0byBlbmNvZGU=",
    });
    expect(await evaluate("States.Base64Decode($.s)", { s: "RGVjb2RlZCBkYXRh" })).toEqual({
      value: "Decoded data",
    });
  });

  it("States.Hash with each algorithm", async () => {
    expect(await evaluate("States.Hash($.d, 'SHA-1')", { d: "input data" })).toEqual({
      value: "aaff4a450a104cd177d28d18d74485e8cae074b7",
    });
    expect(await evaluate("States.Hash('abc', 'MD5')")).toEqual({
      value: "900150983cd24fb0d6963f7d28e17f72",
    });
    expect(((await evaluate("States.Hash('abc', 'SHA-256')")).value as string).length).toBe(64);
    expect(((await evaluate("States.Hash('abc', 'SHA-384')")).value as string).length).toBe(96);
    expect(((await evaluate("States.Hash('abc', 'SHA-512')")).value as string).length).toBe(128);
    expect((await evaluate("States.Hash('abc', 'CRC32')")).error).toBe("States.IntrinsicFailure");
  });

  it("States.JsonMerge (shallow only)", async () => {
    const input = { a: { a1: 1, nested: { x: 1 } }, b: { b1: 2, nested: { y: 2 } } };
    expect(await evaluate("States.JsonMerge($.a, $.b, false)", input)).toEqual({
      value: { a1: 1, b1: 2, nested: { y: 2 } },
    });
    expect((await evaluate("States.JsonMerge($.a, $.b, true)", input)).error).toBe("States.IntrinsicFailure");
  });

  it("States.MathRandom, States.MathAdd, States.StringSplit, States.UUID", async () => {
    const random = (await evaluate("States.MathRandom(1, 999)")).value as number;
    expect(Number.isInteger(random) && random >= 1 && random < 999).toBe(true);
    const seeded = await evaluate("States.MathRandom(1, 999, 1234)");
    expect(await evaluate("States.MathRandom(1, 999, 1234)")).toEqual(seeded);
    expect(await evaluate("States.MathAdd($.v, -1)", { v: 111 })).toEqual({ value: 110 });
    expect(await evaluate("States.StringSplit($.s, $.d)", { s: "1,2,3,4,5", d: "," })).toEqual({
      value: ["1", "2", "3", "4", "5"],
    });
    expect(await evaluate("States.StringSplit('This.is+a,test=string', '.+,=')")).toEqual({
      value: ["This", "is", "a", "test", "string"],
    });
    expect((await evaluate("States.UUID()")).value).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("nests calls and reads context paths and variables", async () => {
    expect(
      await evaluate(
        "States.ArrayLength(States.StringSplit(States.Format('{}-{}', $$.Execution.Name, 'x'), '-'))",
      ),
    ).toEqual({ value: 3 });
  });

  it("an unknown function fails with States.IntrinsicFailure", async () => {
    expect((await evaluate("States.Nope(1)")).error).toBe("States.IntrinsicFailure");
  });
});
