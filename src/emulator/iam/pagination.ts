import { validationError } from "./errors.js";

/**
 * IAM's Marker/MaxItems/IsTruncated paging over a list already in order. The
 * marker is opaque to callers; here it is the base64 of the next item's index.
 */
export function pageOf<T>(items: readonly T[], marker: string | undefined, maxItems: number) {
  let start = 0;
  if (marker !== undefined) {
    const decoded = Buffer.from(marker, "base64").toString("utf8");
    start = Number(decoded);
    if (!/^\d+$/.test(decoded) || start > items.length)
      throw validationError(`Invalid Marker ${marker}: it was not returned by this operation.`);
  }
  const page = items.slice(start, start + maxItems);
  const next = start + page.length;
  const truncated = next < items.length;
  return {
    page,
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(String(next)).toString("base64") : undefined,
  };
}
