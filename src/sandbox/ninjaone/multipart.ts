/**
 * A small multipart/form-data reader for the ticket comment endpoint, which takes its JSON in
 * a part named `comment` (reference §6). Only what that endpoint needs: names, part content
 * types and bodies.
 */

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  body: Buffer;
}

export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) return undefined;
  for (;;) {
    start += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body.subarray(start, start + 2).toString() === "--") return parts;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return undefined;
    const raw = body.subarray(start, next);
    const headerEnd = raw.indexOf("\r\n\r\n");
    if (headerEnd < 0) return undefined;
    const headers = raw.subarray(0, headerEnd).toString("utf8").split("\r\n").filter((l) => l !== "");
    let content = raw.subarray(headerEnd + 4);
    if (content.subarray(content.length - 2).toString() === "\r\n") content = content.subarray(0, content.length - 2);
    const part: Partial<FormPart> = { body: content };
    for (const line of headers) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === "content-disposition") {
        const partName = /\bname="([^"]*)"/i.exec(value);
        const filename = /\bfilename="([^"]*)"/i.exec(value);
        if (partName?.[1] !== undefined) part.name = partName[1];
        if (filename?.[1] !== undefined) part.filename = filename[1];
      } else if (name === "content-type") {
        part.contentType = value;
      }
    }
    if (part.name === undefined) return undefined;
    parts.push(part as FormPart);
    start = next;
  }
}
