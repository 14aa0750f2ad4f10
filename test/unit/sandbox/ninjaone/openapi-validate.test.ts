import { describe, expect, it } from "vitest";
import { responseSchema, validate } from "../../../helpers/openapi/validate.js";

const document = {
  paths: {
    "/v2/thing/{id}": {
      get: { responses: { default: { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } } },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: "object",
        required: ["id"],
        properties: {
          id: { type: "integer", format: "int32" },
          uid: { type: "string", format: "uuid" },
          kind: { type: "string", enum: ["A", "B"] },
          note: { type: "string", nullable: true },
          tags: { type: "array", items: { type: "string" } },
          extra: { type: "object", additionalProperties: false, properties: { x: { type: "number" } } },
          any: { type: "object" },
        },
      },
    },
  },
};

const thing = responseSchema(document, "GET", "/v2/thing/{id}", 200)!;

describe("OpenAPI response validator", () => {
  it("accepts a value that fits the referenced schema", () => {
    expect(validate(thing, { id: 1, uid: "6f1c2e3d-4b5a-4c69-8d7e-1f2a3b4c5d6e", kind: "A", note: null, tags: ["x"] }, { document })).toEqual([]);
  });

  it("reports each violation with its JSON path", () => {
    const violations = validate(thing, { uid: "nope", kind: "C", note: 3, tags: [1], extra: { y: 1 }, id: 2 ** 40 }, { document });
    expect(violations.map((v) => v.path).sort()).toEqual(["$.extra.y", "$.id", "$.kind", "$.note", "$.tags[0]", "$.uid"]);
  });

  it("reports a missing required property", () => {
    expect(validate(thing, {}, { document })).toEqual([{ path: "$.id", message: "is required" }]);
  });

  it("rejects a non-object for a bare object schema unless told it means any value", () => {
    expect(validate(thing, { id: 1, any: "text" }, { document })).toHaveLength(1);
    expect(validate(thing, { id: 1, any: "text" }, { document, bareObjectMeansAny: true })).toEqual([]);
  });

  it("applies allOf, oneOf and anyOf", () => {
    const schema = {
      allOf: [{ type: "object", required: ["a"] }],
      oneOf: [{ properties: { a: { type: "string" } } }, { properties: { a: { type: "integer" } } }],
      anyOf: [{ required: ["a"] }],
    };
    expect(validate(schema, { a: "s" })).toEqual([]);
    expect(validate(schema, { b: 1 }).map((v) => v.message)).toContain("is required");
    expect(validate({ oneOf: [{ type: "number" }, { type: "integer" }] }, 3)).toHaveLength(1);
  });

  it("falls back to the default response when the status has no entry of its own", () => {
    expect(responseSchema(document, "get", "/v2/thing/{id}", 404)).toEqual({ $ref: "#/components/schemas/Thing" });
    expect(responseSchema(document, "post", "/v2/thing/{id}", 200)).toBeUndefined();
  });
});
