import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError } from "../../../../src/errors.js";
import { DEMO_ESTATE } from "../../../../src/sandbox/seed/demo-estate.js";
import { readEstateParamsFile, resolveSeed } from "../../../../src/sandbox/seed/resolve-seed.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "nb-seed-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function seedFile(content: string): Promise<string> {
  const path = join(dir, "estate.json");
  await writeFile(path, content);
  return path;
}

describe("resolveSeed", () => {
  it("uses the hand-made demo estate by default", async () => {
    const seed = await resolveSeed();
    expect(seed.kind).toBe("demo");
    expect(seed.estate).toBe(DEMO_ESTATE);
    expect(seed.params.orgs).toBe(DEMO_ESTATE.orgs.length);
  });

  it("generates the large estate with overrides applied to its defaults", async () => {
    const seed = await resolveSeed("large", { orgs: 30, devicesPerOrg: 2 });
    expect(seed.kind).toBe("generated");
    expect(seed.params).toEqual({ seed: 1, orgs: 30, devicesPerOrg: 2, alerts: 5000 });
    expect(seed.estate.devices).toHaveLength(60);
  });

  it("generates an estate from params in a JSON file", async () => {
    const path = await seedFile('{"seed": 4, "orgs": 12, "devicesPerOrg": 3, "alerts": 7}');
    const seed = await resolveSeed(path);
    expect(seed.params).toEqual({ seed: 4, orgs: 12, devicesPerOrg: 3, alerts: 7 });
    expect(seed.estate.orgs).toHaveLength(12);
  });

  it("names the file and the field when a seed file has an invalid value", async () => {
    const path = await seedFile('{"seed": 4, "orgs": "many", "devicesPerOrg": 3, "alerts": 7}');
    const err = await readEstateParamsFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(path);
    expect((err as Error).message).toMatch(/orgs: /);
  });

  it("names the missing field and rejects unknown ones", async () => {
    const missing = await readEstateParamsFile(await seedFile('{"seed": 4, "orgs": 2, "alerts": 7}')).catch((e: unknown) => e);
    expect((missing as Error).message).toMatch(/devicesPerOrg/);
    const extra = await readEstateParamsFile(await seedFile('{"seed": 4, "orgs": 2, "devicesPerOrg": 1, "alerts": 7, "tenants": 3}')).catch(
      (e: unknown) => e,
    );
    expect((extra as Error).message).toMatch(/tenants/);
  });

  it("reports a seed file that is not JSON or does not exist as a config error naming it", async () => {
    const path = await seedFile("seed: 4");
    await expect(resolveSeed(path)).rejects.toThrow(new RegExp(`${path}.*not valid JSON`));
    const absent = join(dir, "absent.json");
    await expect(resolveSeed(absent)).rejects.toBeInstanceOf(ConfigError);
    await expect(resolveSeed(absent)).rejects.toThrow(absent);
  });

  it("rejects explicit params out of range", async () => {
    await expect(resolveSeed({ seed: 1, orgs: 0, devicesPerOrg: 1, alerts: 0 })).rejects.toThrow(/orgs/);
  });
});
