import { mapConcurrent } from "../../../clients/async-lists.js";
import { readCustomFieldValues } from "../../../clients/ninjaone/custom-field-values.js";
import { ApiError } from "../../../errors.js";
import type { JobSession } from "../session.js";

/** Devices read at the same time; each is one request. */
const READ_CONCURRENCY = 4;

/**
 * The Entra device id field of each device, one read per device (NinjaOne has no bulk read of
 * one field the sandbox serves). A device whose read fails, or whose field is empty, is paired
 * by serial and name instead: the field only ever adds a pairing key.
 */
export async function readEntraIds(session: JobSession, field: string, deviceIds: readonly number[]): Promise<Map<number, string>> {
  const { http } = await session.ninjaone();
  const ids = new Map<number, string>();
  const reads = mapConcurrent(deviceIds, READ_CONCURRENCY, async (id) => {
    try {
      return { id, value: (await readCustomFieldValues(http, "device", id))[field] };
    } catch (error) {
      if (error instanceof ApiError) return { id, value: undefined };
      throw error;
    }
  });
  for await (const { id, value } of reads) if (typeof value === "string" && value.trim() !== "") ids.set(id, value.trim());
  return ids;
}
