import { createHash } from "node:crypto";
import { fflate } from "../../lazy-libraries.js";
import { invalidParameter } from "./errors.js";

export interface UploadedCode {
  zip: Buffer;
  /** Base64 SHA-256, as Lambda reports CodeSha256. */
  sha256: string;
  /** Hex SHA-256: the content address of the extracted directory. */
  key: string;
}

/** The largest zip Lambda takes in the request itself (50 MB zipped [D quotas]). */
export const MAX_DIRECT_ZIP_BYTES = 50 * 1024 * 1024;

/**
 * `Code.ZipFile` / `ZipFile` (a base64 string in JSON, §1.3), checked to be a
 * zip archive now, as Lambda does at upload; whether the handler's file is
 * inside is only found out at invoke time, also as Lambda does.
 */
export function decodeZip(base64: unknown): UploadedCode {
  if (typeof base64 !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64))
    throw invalidParameter("ZipFile must be a base64-encoded zip archive.");
  const zip = Buffer.from(base64, "base64");
  if (zip.length > MAX_DIRECT_ZIP_BYTES)
    throw invalidParameter(
      `Unzipped size must be smaller than the direct upload limit of ${MAX_DIRECT_ZIP_BYTES} bytes.`,
    );
  try {
    fflate().unzipSync(zip, { filter: () => false });
    if (zip.length < 22) throw new Error("too short");
  } catch {
    throw invalidParameter(
      "Could not unzip uploaded file. Please check your file, then try to upload again.",
    );
  }
  const digest = createHash("sha256").update(zip).digest();
  return { zip, sha256: digest.toString("base64"), key: digest.toString("hex") };
}
