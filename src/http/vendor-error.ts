/**
 * The vendor's own words from an error response: its error code, message and request or
 * incident id, read leniently from every body shape NinjaOne, Acronis, CIPP and Entra ID use.
 */

export interface VendorError {
  code?: string;
  message?: string;
  requestId?: string;
}

/** Response headers that carry a request id, in the order we trust them. */
export const REQUEST_ID_HEADERS = [
  "x-request-id",
  "x-correlation-id",
  "request-id",
  "x-ms-request-id",
  "client-request-id",
  "x-amzn-requestid",
] as const;

const MAX_MESSAGE = 300;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  if (typeof value === "number") return String(value);
  return undefined;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_MESSAGE ? `${oneLine.slice(0, MAX_MESSAGE - 1)}…` : oneLine;
}

// Entra ID appends "Trace ID: … Correlation ID: … Timestamp: …" lines; the first line is the message.
function firstLine(text: string): string {
  return text.split(/\r?\n/)[0] ?? text;
}

function fromText(text: string): VendorError {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = title ?? text.replace(/<[^>]*>/g, " ");
  const message = shorten(plain);
  return message === "" ? {} : { message };
}

function fromObject(body: Json): VendorError {
  const error = body.error;
  // Acronis Account API `{error:{code,message,...}}`; Microsoft Graph `{error:{code,message,innerError}}`.
  if (isObject(error)) {
    const inner = isObject(error.innerError) ? error.innerError : undefined;
    return {
      code: str(error.code),
      message: str(error.message) ?? str(error.reason),
      requestId: str(inner?.["request-id"]) ?? str(inner?.["client-request-id"]),
    };
  }
  // OAuth and NinjaOne's auth layer `{error, error_description, error_code}`; Entra ID adds trace ids.
  if (typeof error === "string") {
    const description = str(body.error_description);
    return {
      code: error,
      message: description === undefined ? undefined : firstLine(description),
      requestId: str(body.correlation_id) ?? str(body.trace_id),
    };
  }
  // NinjaOne's application layer `{resultCode, errorMessage?, incidentId}`.
  if (str(body.resultCode) !== undefined || str(body.incidentId) !== undefined) {
    return { code: str(body.resultCode), message: str(body.errorMessage), requestId: str(body.incidentId) };
  }
  // NinjaOne billing `{errorCode, message}`; Acronis Alert/Resource/Policy/Agent managers `{code, domain, message|reason|debug}`.
  const debug = isObject(body.debug) ? body.debug : undefined;
  const code = str(body.errorCode) ?? str(body.code);
  // CIPP answers errors as `{Results: "..."}`.
  const message = str(body.message) ?? str(body.reason) ?? str(debug?.msg) ?? str(body.Results);
  return { code, message };
}

/** Vendor code and message from a parsed JSON body or the raw text of a non-JSON one. */
export function vendorErrorFrom(body: unknown): VendorError {
  let found: VendorError = {};
  if (typeof body === "string") found = fromText(body);
  else if (isObject(body)) found = fromObject(body);
  // CIPP returns some errors as an array of strings.
  else if (Array.isArray(body)) {
    const texts = body.filter((item): item is string => typeof item === "string");
    if (texts.length > 0) found = { message: texts.join("; ") };
  }
  const out: VendorError = {};
  if (found.code !== undefined) out.code = found.code;
  if (found.message !== undefined) out.message = shorten(found.message);
  if (found.requestId !== undefined) out.requestId = found.requestId;
  return out;
}

/**
 * The request id of a response: an id the body carried first (NinjaOne's `incidentId` is what
 * its support asks for), else a request-id header.
 */
export function requestIdFrom(headers: Headers, vendor: VendorError): string | undefined {
  if (vendor.requestId !== undefined) return vendor.requestId;
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== "") return value.trim();
  }
  return undefined;
}
