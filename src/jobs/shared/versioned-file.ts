import type { z } from "zod";

/** A file a person keeps in git (a mapping file, an access file): its document, or the first field that is wrong and why. */
export type ParsedFile<T> = { ok: true; file: T } | { ok: false; field: string; problem: string };

function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === "number" ? `${text}[${part}]` : text === "" ? String(part) : `${text}.${String(part)}`), "");
}

/** Text → the document `schema` validates; a version newer than `version` asks for an upgrade rather than listing fields. */
export function parseVersionedFile<T>(text: string, schema: z.ZodType<T>, version: number): ParsedFile<T> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, field: "(document)", problem: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof raw === "object" && raw !== null && "version" in raw && typeof raw.version === "number" && raw.version > version) {
    return { ok: false, field: "version", problem: `version ${raw.version} is newer than this ninja-bridge reads (${version}); upgrade ninja-bridge` };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, file: result.data };
  const issue = result.error.issues[0];
  return { ok: false, field: issue === undefined || issue.path.length === 0 ? "(document)" : issuePath(issue.path), problem: issue?.message ?? "invalid" };
}
