/** Query strings and form bodies built from plain objects. */

export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export type FormFields = Readonly<Record<string, string | undefined>>;

// Characters RFC 3986 allows unescaped in a query; keeping them makes `$select=a,b` readable in logs.
const KEEP = /%(24|2C|3A|40|2F)/g;

function encode(value: string): string {
  return encodeURIComponent(value).replace(KEEP, (escaped) => decodeURIComponent(escaped));
}

/**
 * `?a=1&b=x&b=y` from `{ a: 1, b: ["x", "y"], c: undefined }`: arrays repeat the key,
 * undefined and null are left out. Empty string when nothing remains.
 */
export function encodeQuery(query: Query | undefined): string {
  if (query === undefined) return "";
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values: readonly QueryScalar[] = Array.isArray(value) ? value : [value as QueryScalar];
    for (const item of values) pairs.push(`${encode(key)}=${encode(String(item))}`);
  }
  return pairs.length === 0 ? "" : `?${pairs.join("&")}`;
}

/** An `application/x-www-form-urlencoded` body; undefined fields are left out. */
export function encodeForm(fields: FormFields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) params.append(key, value);
  }
  return params.toString();
}
