import type { z } from "zod";

/** Reading a response body as the API declared it, and naming what a schema found wrong. */

export type LimitedText = { ok: true; text: string } | { ok: false; bytesRead: number; declaredBytes: number | undefined };

/**
 * The body as text, its bytes counted as they stream in: past `maxBytes` the stream is
 * cancelled, so an oversized answer is never held whole. A Content-Length above the limit
 * stops before anything is read. (A compressed body is counted after decompression, which is
 * what takes the memory; its Content-Length counts compressed bytes, so it only ever stops early
 * for a body that would be bigger still.)
 */
export async function readTextWithin(response: Response, maxBytes: number): Promise<LimitedText> {
  const header = response.headers.get("content-length")?.trim();
  const declaredBytes = header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
  if (declaredBytes !== undefined && declaredBytes > maxBytes) {
    await response.body?.cancel();
    return { ok: false, bytesRead: 0, declaredBytes };
  }
  if (response.body === null) return { ok: true, text: "" };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return { ok: false, bytesRead: total, declaredBytes };
    }
    chunks.push(value);
  }
  // TextDecoder drops a leading byte-order mark, as response.text() does.
  return { ok: true, text: new TextDecoder().decode(Buffer.concat(chunks, total)) };
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; problem: string };

function isJsonType(contentType: string | null): boolean {
  const media = contentType?.split(";")[0]?.trim().toLowerCase();
  return media === "application/json" || (media?.endsWith("+json") ?? false);
}

/**
 * JSON when the content type says so (or when there is none and it parses), otherwise the
 * text as is; an empty body is `undefined`, whatever the content type claims (204s).
 */
export function readBody(text: string, contentType: string | null): BodyResult {
  if (text.trim() === "") return { ok: true, value: undefined };
  const declared = isJsonType(contentType);
  if (!declared && contentType !== null) return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (!declared) return { ok: true, value: text };
    return { ok: false, problem: `body is not valid JSON (${(error as Error).message})` };
  }
}

export function isHtmlContent(contentType: string | null): boolean {
  return contentType !== null && /^\s*text\/html\b/i.test(contentType);
}

export function isJsonContent(contentType: string | null): boolean {
  return contentType === null || isJsonType(contentType);
}

/** `[3].id`, `organization.name`, `["odd key"]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === "" ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** One phrase naming the first failing field: `field [3].id: expected number, received string`. */
export function describeSchemaMismatch(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (first === undefined) return "does not match the expected shape";
  const where = first.path.length === 0 ? "body" : `field ${formatFieldPath(first.path)}`;
  const what = first.message.replace(/^Invalid input: /, "");
  const more = rest.length === 0 ? "" : ` (and ${rest.length} more ${rest.length === 1 ? "problem" : "problems"})`;
  return `${where}: ${what}${more}`;
}
