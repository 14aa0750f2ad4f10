import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ConfigError } from "../../errors.js";
import type { EstateParams, SeedEstate } from "../contract.js";
import { describeZodError } from "../http-util.js";
import { DEMO_DEVICES, DEMO_ESTATE, DEMO_ORGS } from "./demo-estate.js";
import { generateEstate, LARGE_DEFAULTS } from "./generate-estate.js";

/** `"demo"`, `"large"`, explicit params, or the path of a JSON file of params. */
export type SeedOption = "demo" | "large" | EstateParams | string;

export interface ResolvedSeed {
  kind: "demo" | "generated";
  params: EstateParams;
  estate: SeedEstate;
}

/**
 * Params describing the demo estate, for services that size things from params. The demo
 * has no generator seed of its own; its alert count is the handful a person can read.
 */
export const DEMO_PARAMS: EstateParams = {
  seed: 1,
  orgs: DEMO_ORGS.length,
  devicesPerOrg: Math.ceil(DEMO_DEVICES.length / DEMO_ORGS.length),
  alerts: 12,
};

export const estateParamsSchema = z.strictObject({
  seed: z.number().int().min(0).max(0xffffffff),
  orgs: z.number().int().min(1).max(100_000),
  devicesPerOrg: z.number().int().min(0).max(1_000),
  alerts: z.number().int().min(0).max(1_000_000),
});

function validParams(value: unknown, source: string): EstateParams {
  const result = estateParamsSchema.safeParse(value);
  if (result.success) return result.data;
  throw new ConfigError(`Invalid sandbox seed ${source}: ${describeZodError(result.error)}`, {
    hint: "A seed file is JSON like {\"seed\": 1, \"orgs\": 2000, \"devicesPerOrg\": 25, \"alerts\": 5000}.",
  });
}

export async function readEstateParamsFile(path: string): Promise<EstateParams> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    throw new ConfigError(`Cannot read sandbox seed file ${path}: ${(err as Error).message}`, {
      hint: "Pass --seed demo, --seed large, or the path of a JSON file of estate params.",
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Sandbox seed file ${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return validParams(json, `file ${path}`);
}

export async function resolveSeed(seed: SeedOption = "demo", large: Partial<EstateParams> = {}): Promise<ResolvedSeed> {
  if (seed === "demo") return { kind: "demo", params: { ...DEMO_PARAMS }, estate: DEMO_ESTATE };
  let params: EstateParams;
  if (seed === "large") params = validParams({ ...LARGE_DEFAULTS, ...large }, "params (large)");
  else if (typeof seed === "string") params = await readEstateParamsFile(seed);
  else params = validParams(seed, "params");
  return { kind: "generated", params, estate: generateEstate(params) };
}
