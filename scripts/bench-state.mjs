#!/usr/bin/env node
// `node scripts/bench-state.mjs`: how fast the state file records landed changes (issue 21,
// item 0). Seeds a state holding the records of N devices (a device link and the seven
// device-field hashes each, as fields sync leaves them), then records --writes field-write
// changes the way fields sync does (one update per written device, --concurrency at once)
// and prints writes/s per estate size. The goal: ≥500 writes/s, and the rate at the largest
// size within 20% of the rate at the smallest. Reported, never asserted.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    devices: { type: "string", default: "5000,50000" },
    writes: { type: "string", default: "2000" },
    warmup: { type: "string", default: "200" },
    concurrency: { type: "string", default: "4" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(`usage: node scripts/bench-state.mjs [options]   (run npm run build first)
  --devices LIST      estate sizes in devices (default 5000,50000)
  --writes N          field-write changes recorded per size (default 2000)
  --warmup N          changes recorded first, untimed, so the JIT is warm (default 200)
  --concurrency N     updates in flight at once, as fields sync (default 4)
  --json              print the results as JSON`);
  process.exit(0);
}
const entry = path.join(root, "dist", "state", "index.js");
if (!existsSync(entry)) {
  console.error("✗ dist/ is missing: run `npm run build` first");
  process.exit(2);
}
const { openState } = await import(entry);

const FIELDS = ["backupStatus", "lastBackup", "nextBackup", "protectionPlan", "agentVersion", "antimalware", "patchStatus"];
const at = "2026-01-01T00:00:00.000Z";
const hash = (n) => n.toString(16).padStart(16, "0");

function seededDoc(devices) {
  const fieldWrites = {};
  const deviceLinks = {};
  for (let id = 1; id <= devices; id++) {
    for (const field of FIELDS) {
      const key = `device:${id}:${field}`;
      fieldWrites[key] = { key, scope: "device", entityId: id, field, hash: hash(id), writtenAt: at };
    }
    const key = `acronis:${id}`;
    deviceLinks[key] = { key, service: "acronis", ninjaDeviceId: id, ninjaOrgId: 1 + (id % 2000), remoteId: randomUUID(), by: "serial", linkedAt: at, ninjaName: `PC-${id}`, remoteName: `PC-${id}`, serial: `SN${id}` };
  }
  return {
    version: 2,
    serial: 1,
    lineage: randomUUID(),
    createdAt: at,
    updatedAt: at,
    mappings: { acronis: {}, m365: {} },
    alertLinks: {},
    fieldWrites,
    cursors: {},
    provisioning: {},
    orgsSeen: {},
    deviceLinks,
    agentTokens: {},
    agentDeploys: {},
  };
}

async function record(state, devices, writes, concurrency, offset) {
  let next = 0;
  const worker = async () => {
    while (next < writes) {
      const n = offset + next++;
      const id = 1 + ((n * 7919) % devices);
      const writtenAt = new Date().toISOString();
      await state.update((draft) => {
        for (const field of FIELDS) {
          const key = `device:${id}:${field}`;
          draft.fieldWrites[key] = { key, scope: "device", entityId: id, field, hash: hash(n + 1_000_000), writtenAt };
        }
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function measure(devices, writes, concurrency, warmup) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nb-bench-state-"));
  const file = path.join(dir, "state.json");
  try {
    writeFileSync(file, `${JSON.stringify(seededDoc(devices), null, 2)}\n`, { mode: 0o600 });
    const openStarted = performance.now();
    const state = await openState(file, { mode: "write", command: "bench-state" });
    const openMs = performance.now() - openStarted;
    await record(state, devices, warmup, concurrency, 0);
    const started = performance.now();
    await record(state, devices, writes, concurrency, warmup);
    const seconds = (performance.now() - started) / 1000;
    const closeStarted = performance.now();
    await state.close();
    const closeMs = performance.now() - closeStarted;
    return { devices, writes, seconds: Number(seconds.toFixed(2)), writesPerSecond: Math.round(writes / seconds), openMs: Math.round(openMs), closeMs: Math.round(closeMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const devices of args.devices.split(",").map(Number)) {
  const result = await measure(devices, Number(args.writes), Number(args.concurrency), Number(args.warmup));
  results.push(result);
  if (!args.json) console.log(`${String(devices).padStart(7)} devices: ${result.writes} writes in ${result.seconds} s = ${result.writesPerSecond} writes/s (open ${result.openMs} ms, close ${result.closeMs} ms)`);
}
const [first, last] = [results[0], results.at(-1)];
const ratio = first && last ? last.writesPerSecond / first.writesPerSecond : 1;
if (args.json) console.log(JSON.stringify({ results, ratioLargestToSmallest: Number(ratio.toFixed(2)) }, null, 2));
else if (results.length > 1) console.log(`rate at ${last.devices} devices is ${(ratio * 100).toFixed(0)}% of the rate at ${first.devices} (goal: ≥80%, and ≥500 writes/s)`);
