import { z } from "zod";
import type { HttpClient } from "../../http/index.js";

/** Where a custom field value lives in NinjaOne: on a device or on an organization. */
export type FieldScope = "device" | "organization";

/**
 * A value as NinjaOne's PATCH body carries it (reference ninjaone-api §5): text as a string,
 * DATE and DATE_TIME as integer epoch milliseconds, WYSIWYG as `{ html }`.
 */
export type FieldValue = string | number | { html: string };

const PATHS: Readonly<Record<FieldScope, (id: number) => string>> = {
  device: (id) => `/v2/device/${id}/custom-fields`,
  organization: (id) => `/v2/organization/${id}/custom-fields`,
};

/**
 * Writes custom field values of one device or organization in one PATCH keyed by field API
 * name (reference ninjaone-api §5); NinjaOne touches only the keys sent and answers 204.
 * Setting the same values twice changes nothing, so the PATCH is safe to retry. `null` asks
 * NinjaOne to clear a value, which it may ignore (reference §5): callers read back to know.
 */
export async function writeCustomFieldValues(http: HttpClient, scope: FieldScope, entityId: number, fields: Readonly<Record<string, FieldValue | null>>): Promise<void> {
  await http.send({ method: "PATCH", path: PATHS[scope](entityId), json: fields, idempotent: true, expectedStatus: [200, 204] });
}

/**
 * The custom field values of one device or organization, keyed by field API name (reference
 * ninjaone-api §5: `GET …/custom-fields` answers one object). Text comes back as a string; a
 * value of any other shape is kept as NinjaOne sent it for the caller to judge.
 */
export async function readCustomFieldValues(http: HttpClient, scope: FieldScope, entityId: number): Promise<Record<string, unknown>> {
  return http.request({ method: "GET", path: PATHS[scope](entityId), schema: valuesSchema });
}

const valuesSchema = z.record(z.string(), z.unknown());
