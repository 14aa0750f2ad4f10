import { createHash } from "node:crypto";

/**
 * The first `hexDigits` hex digits of the SHA-256 of `text`, as a string of its own: slicing the
 * full hex instead would keep all 64 digits alive behind each short one, and the state keeps
 * such hashes by the ten thousand (issue 21).
 */
export function shortSha256(text: string, hexDigits: number): string {
  return createHash("sha256").update(text, "utf8").digest().toString("hex", 0, Math.ceil(hexDigits / 2)).slice(0, hexDigits);
}
