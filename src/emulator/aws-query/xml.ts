/**
 * Just enough XML for awsQuery responses. Values map to elements: an object's
 * keys become child elements in order, an array becomes `<member>` children, a
 * `XmlEntries` becomes SNS-style `<entry><key/><value/></entry>` children, and
 * `undefined` members are left out (the SDKs treat absent and empty alike).
 */
export class XmlEntries {
  readonly map: Record<string, string>;
  constructor(map: Record<string, string>) {
    this.map = map;
  }
}

export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | XmlEntries
  | readonly XmlValue[]
  | { readonly [key: string]: XmlValue };

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(text: string): string {
  // \r would be normalised to \n by an XML parser; keep it as a character reference.
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string).replace(/\r/g, "&#13;");
}

export function element(name: string, value: XmlValue): string {
  if (value === undefined) return "";
  return `<${name}>${content(value)}</${name}>`;
}

function content(value: XmlValue): string {
  if (value === undefined) return "";
  if (typeof value === "string") return escapeXml(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof XmlEntries) {
    return Object.entries(value.map)
      .map(([k, v]) => `<entry>${element("key", k)}${element("value", v)}</entry>`)
      .join("");
  }
  if (Array.isArray(value)) return value.map((item) => element("member", item)).join("");
  return Object.entries(value as Record<string, XmlValue>)
    .map(([k, v]) => element(k, v))
    .join("");
}

/** `2024-05-01T10:00:00Z`: the JS SDK rejects timestamps without a zone (§1.2). */
export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}
