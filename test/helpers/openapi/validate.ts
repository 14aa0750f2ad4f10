/**
 * A small validator of JSON values against OpenAPI 3.0 schemas, for checking the sandbox's
 * responses against NinjaOne's own spec. Supports type, properties, required, items, enum,
 * formats (int32/int64/double/uuid, loosely), nullable, $ref, allOf/oneOf/anyOf and
 * additionalProperties; each violation names the JSON path where it happened.
 */

export type Schema = Record<string, unknown>;

export interface Violation {
  path: string;
  message: string;
}

export interface ValidateOptions {
  /** The whole OpenAPI document, for resolving `#/components/...` references. */
  document?: Schema;
  /**
   * Java-generated specs render `Object` (and `Map<String, Object>` values) as a bare
   * `{type: "object"}`; with this on, such a schema accepts any JSON value.
   */
  bareObjectMeansAny?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function resolveRef(ref: string, document: Schema | undefined): Schema {
  if (!ref.startsWith("#/") || document === undefined) throw new Error(`cannot resolve $ref ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (typeof node !== "object" || node === null) throw new Error(`$ref ${ref} points at nothing`);
  return node as Schema;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function isBareObject(schema: Schema): boolean {
  const keys = Object.keys(schema).filter((k) => k !== "description" && k !== "example");
  return keys.length === 1 && schema.type === "object";
}

function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function checkType(schema: Schema, value: unknown, path: string, out: Violation[]): boolean {
  const type = schema.type;
  if (typeof type !== "string") return true;
  const actual = typeOf(value);
  const ok =
    (type === "integer" && typeof value === "number" && Number.isInteger(value)) ||
    (type === "number" && typeof value === "number") ||
    (type === "object" && actual === "object") ||
    type === actual;
  if (!ok) out.push({ path, message: `expected ${type}, got ${actual}` });
  return ok;
}

function checkFormat(schema: Schema, value: unknown, path: string, out: Violation[]): void {
  const format = schema.format;
  if (format === "int32" && typeof value === "number" && (value < -2147483648 || value > 2147483647)) {
    out.push({ path, message: `${value} is outside int32` });
  } else if (format === "int64" && typeof value === "number" && !Number.isSafeInteger(value)) {
    out.push({ path, message: `${value} is not a safe int64` });
  } else if (format === "uuid" && typeof value === "string" && !UUID.test(value)) {
    out.push({ path, message: `"${value}" is not a uuid` });
  }
}

function walk(schemaIn: Schema, value: unknown, path: string, opts: ValidateOptions, out: Violation[]): void {
  const schema = typeof schemaIn.$ref === "string" ? resolveRef(schemaIn.$ref, opts.document) : schemaIn;
  if (value === null) {
    if (schema.nullable !== true && Object.keys(schema).length > 0) out.push({ path, message: "null is not allowed" });
    return;
  }
  if (opts.bareObjectMeansAny === true && isBareObject(schema)) return;
  if (Array.isArray(schema.allOf)) for (const sub of schema.allOf as Schema[]) walk(sub, value, path, opts, out);
  for (const key of ["oneOf", "anyOf"] as const) {
    const subs = schema[key];
    if (!Array.isArray(subs)) continue;
    const passing = (subs as Schema[]).filter((sub) => {
      const found: Violation[] = [];
      walk(sub, value, path, opts, found);
      return found.length === 0;
    }).length;
    if (key === "oneOf" && passing !== 1) out.push({ path, message: `matches ${passing} of the oneOf schemas, expected exactly 1` });
    if (key === "anyOf" && passing === 0) out.push({ path, message: "matches none of the anyOf schemas" });
  }
  if (!checkType(schema, value, path, out)) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) {
    out.push({ path, message: `${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}` });
  }
  checkFormat(schema, value, path, out);
  if (Array.isArray(value) && typeof schema.items === "object" && schema.items !== null) {
    value.forEach((item, i) => walk(schema.items as Schema, item, childPath(path, i), opts, out));
  }
  if (typeOf(value) === "object") {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in obj)) out.push({ path: childPath(path, name), message: "is required" });
    }
    for (const [key, item] of Object.entries(obj)) {
      const prop = props[key];
      if (prop !== undefined) walk(prop, item, childPath(path, key), opts, out);
      else if (schema.additionalProperties === false) out.push({ path: childPath(path, key), message: "is not allowed" });
      else if (typeof schema.additionalProperties === "object" && schema.additionalProperties !== null) {
        walk(schema.additionalProperties as Schema, item, childPath(path, key), opts, out);
      }
    }
  }
}

export function validate(schema: Schema, value: unknown, opts: ValidateOptions = {}): Violation[] {
  const out: Violation[] = [];
  walk(schema, value, "$", opts, out);
  return out;
}

/**
 * The JSON response schema of an operation for a status: the exact code, then `2XX`-style
 * ranges, then `default`. Undefined when the spec names no JSON schema for it.
 */
export function responseSchema(document: Schema, method: string, template: string, status: number): Schema | undefined {
  const paths = document.paths as Record<string, Record<string, Schema>> | undefined;
  const operation = paths?.[template]?.[method.toLowerCase()];
  const responses = operation?.responses as Record<string, Schema> | undefined;
  if (responses === undefined) return undefined;
  const response = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  const content = response?.content as Record<string, { schema?: Schema }> | undefined;
  return content?.["application/json"]?.schema;
}

export function hasOperation(document: Schema, method: string, template: string): boolean {
  const paths = document.paths as Record<string, Record<string, Schema>> | undefined;
  return paths?.[template]?.[method.toLowerCase()] !== undefined;
}
