import type { AwsError } from "../aws-error.js";

/**
 * An awsQuery request body (aws-iam-sts-lambda-sns.md §1.2): a form whose
 * flattened keys encode lists (`Tags.member.1.Key`) and maps
 * (`Attributes.entry.1.key`). URLSearchParams decodes `+` as a space, which is
 * how boto3 sends spaces.
 */
export class QueryParams {
  private readonly values: Map<string, string>;

  constructor(body: string) {
    this.values = new Map();
    for (const [key, value] of new URLSearchParams(body)) this.values.set(key, value);
  }

  get action(): string | undefined {
    return this.values.get("Action");
  }

  get version(): string | undefined {
    return this.values.get("Version");
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  /** Whether a list or map member was sent at all (a bare `Name=` is an empty list, still present). */
  present(name: string): boolean {
    if (this.values.has(name)) return true;
    for (const key of this.values.keys()) if (key.startsWith(`${name}.`)) return true;
    return false;
  }

  string(key: string): string | undefined {
    return this.values.get(key);
  }

  /** `Name.member.1`, `Name.member.2`… in index order (a bare `Name=` is the empty list). */
  list(name: string): string[] {
    return this.indexed(`${name}.member.`, "").map(([, v]) => v);
  }

  /** `Name.member.N.<field>` for each N, as objects of those fields. */
  structList(name: string, fields: readonly string[]): Record<string, string | undefined>[] {
    return this.groups(`${name}.member.`).map((prefix) =>
      Object.fromEntries(fields.map((f) => [f, this.values.get(`${prefix}${f}`)])),
    );
  }

  /** `Name.entry.N.<keyField>` / `Name.entry.N.<valueField>` (SNS renames key/value per member). */
  entries(
    name: string,
    keyField = "key",
    valueField = "value",
  ): { prefix: string; key?: string; value?: string }[] {
    return this.groups(`${name}.entry.`).map((prefix) => ({
      prefix: `${prefix}${valueField}`,
      key: this.values.get(`${prefix}${keyField}`),
      value: this.values.get(`${prefix}${valueField}`),
    }));
  }

  private indexed(prefix: string, suffix: string): [number, string][] {
    const found: [number, string][] = [];
    for (const [key, value] of this.values) {
      if (!key.startsWith(prefix) || !key.endsWith(suffix)) continue;
      const index = key.slice(prefix.length, key.length - suffix.length);
      if (/^[1-9]\d*$/.test(index)) found.push([Number(index), value]);
    }
    return found.sort((a, b) => a[0] - b[0]);
  }

  /** The distinct `prefixN.` groups present, in index order. */
  private groups(prefix: string): string[] {
    const indexes = new Set<number>();
    for (const key of this.values.keys()) {
      if (!key.startsWith(prefix)) continue;
      const match = /^([1-9]\d*)\./.exec(key.slice(prefix.length));
      if (match) indexes.add(Number(match[1]));
    }
    return [...indexes].sort((a, b) => a - b).map((i) => `${prefix}${i}.`);
  }
}

/** What an operation needs to reject a request in its own service's error vocabulary. */
export interface QueryErrors {
  validation(message: string): AwsError;
}
