/**
 * Masks credentials in anything the HTTP layer writes to a log or puts in an error message:
 * sensitive headers, OAuth fields in query strings, form bodies and JSON, bearer tokens, JWTs,
 * and the exact secret strings a client hands over (a client secret, a password).
 */

export const REDACTED = "[REDACTED]";

/** Header names (lower-case) whose values are never shown. */
export const SENSITIVE_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
]);

/** Field names (lower-case) masked in query strings, form bodies and JSON. */
export const SENSITIVE_FIELDS: ReadonlySet<string> = new Set([
  "client_secret",
  "refresh_token",
  "access_token",
  "id_token",
  "code",
  "code_verifier",
  "password",
  "client_assertion",
  "api_key",
  "apikey",
]);

/** Extra secret strings: a fixed list, or a function read on every use (secrets can arrive later). */
export type SecretSource = readonly string[] | (() => Iterable<string>);

const fieldNames = [...SENSITIVE_FIELDS].join("|");
// key=value in a query string or form body, up to the next separator.
const PAIR = new RegExp(`(^|[?&\\s;,])(${fieldNames})=([^&\\s#;,]*)`, "gi");
// "key": "value" in JSON (values are strings in every token and credential shape we meet).
const JSON_FIELD = new RegExp(`("(?:${fieldNames})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

export class Redactor {
  private readonly learned = new Set<string>();

  constructor(private readonly source: SecretSource = []) {}

  /** Remembers a secret seen at run time (an access token), to mask it from now on. */
  add(secret: string): void {
    if (secret !== "") this.learned.add(secret);
  }

  /** Masks every secret and credential-shaped value in a line of text. */
  text(value: string): string {
    let out = value;
    for (const secret of this.secrets()) {
      out = out.split(secret).join(REDACTED);
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret) out = out.split(encoded).join(REDACTED);
    }
    return out
      .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
      .replace(JWT, REDACTED)
      .replace(PAIR, `$1$2=${REDACTED}`)
      .replace(JSON_FIELD, `$1"${REDACTED}"`);
  }

  /** A copy of the headers with sensitive values replaced and the rest masked as text. */
  headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? REDACTED : this.text(value);
    }
    return out;
  }

  // Longest first, so a secret that contains another is masked whole.
  private secrets(): string[] {
    const given = typeof this.source === "function" ? [...this.source()] : this.source;
    return [...new Set([...given, ...this.learned])].filter((s) => s !== "").sort((a, b) => b.length - a.length);
  }
}
