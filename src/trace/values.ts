/**
 * Defensive readers over the untyped event objects: a field of the wrong type reads as absent
 * instead of throwing, so a malformed or future event can never crash the renderer.
 */

export type Rec = Readonly<Record<string, unknown>>;

export function rec(value: unknown): Rec | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isBytes(value)
    ? (value as Rec)
    : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** Milliseconds since the epoch of a Date (SDK) or ISO string (NDJSON, raw streams). */
export function timeOf(value: unknown): number | undefined {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof value === "string") {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** The only key of a union value (`{orchestrationTrace: {...}}`), ignoring wire artefacts like `__type`. */
export function unionMember(value: unknown): [string, unknown] | undefined {
  const r = rec(value);
  if (!r) return undefined;
  for (const key of Object.keys(r)) {
    if (!key.startsWith("__") && r[key] !== undefined) return [key, r[key]];
  }
  return undefined;
}

/**
 * Fields of `value` not in `known`, for showing compactly what the renderer does not understand.
 * Keys starting with `__` (the service's `__type` hints, which the SDK drops too) are not news.
 */
export function unknownFields(value: Rec, known: ReadonlySet<string>): Rec | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    if (known.has(key) || key.startsWith("__") || value[key] === undefined) continue;
    extra ??= {};
    extra[key] = value[key];
  }
  return extra;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

export function bytesToText(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** JSON for display: bytes as their length, Dates as ISO strings, cycles and bigints survive. */
export function compactJson(value: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return (
      JSON.stringify(value, (_key, v: unknown) => {
        if (isBytes(v)) return `<${v.byteLength} bytes>`;
        if (typeof v === "bigint") return v.toString();
        if (typeof v === "object" && v !== null) {
          if (seen.has(v)) return "<cycle>";
          seen.add(v);
        }
        return v;
      }) ?? String(value)
    );
  } catch {
    return String(value);
  }
}
