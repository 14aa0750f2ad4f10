import { z } from "zod";
import type { HttpClient } from "../../http/index.js";

/** A script of NinjaOne's automation library (`GET /v2/automation/scripts`, official spec). */
export interface AutomationScript {
  id: number;
  name: string;
  active: boolean;
  language: string | null;
  /** WINDOWS, MAC, LINUX as the spec lists them; empty when NinjaOne does not say. */
  operatingSystems: string[];
}

const scriptSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  active: z.boolean().nullish(),
  language: z.string().nullish(),
  operatingSystems: z.array(z.string()).nullish(),
});

export async function listAutomationScripts(http: HttpClient): Promise<AutomationScript[]> {
  const body = (await http.request({ method: "GET", path: "/v2/automation/scripts", schema: z.array(scriptSchema) })) as z.infer<typeof scriptSchema>[];
  // The spec has no `active` default; a script NinjaOne does not call inactive is taken as active.
  return body.map((s) => ({ id: s.id, name: s.name, active: s.active ?? true, language: s.language ?? null, operatingSystems: s.operatingSystems ?? [] }));
}

/**
 * Runs a library script on a device (`POST /v2/device/{id}/script/run`, body
 * `{type: "SCRIPT", id, parameters}`); needs a token with user context (reference
 * ninjaone-api §2). The spec documents no answer body, so none is read. Not retried: a run
 * repeated after a lost answer would install twice.
 */
export async function runScript(http: HttpClient, deviceId: number, scriptId: number, parameters?: string): Promise<void> {
  await http.send({ method: "POST", path: `/v2/device/${deviceId}/script/run`, json: { type: "SCRIPT", id: scriptId, ...(parameters === undefined ? {} : { parameters }) } });
}
