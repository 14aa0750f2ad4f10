import { readDevicePairing } from "../../../jobs/devices/read.js";
import { deviceRows, type DeviceRow } from "../../../jobs/devices/plan/device-rows.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { csvLines } from "../../../csv.js";
import { renderTable } from "../../table.js";

export interface DevicesListOptions {
  csv?: boolean;
  unmatched?: boolean;
}

const HEAD = ["ORGANIZATION", "SERVICE", "NINJAONE DEVICE", "OTHER END", "BY", "STATUS", "WHY"];

/** Reads NinjaOne's devices and the linked tenants' devices, and pairs them as the next fields sync would (recording nothing). */
export async function run(opts: DevicesListOptions, ctx: Context): Promise<void> {
  const state = await openState(await ctx.statePath(), { mode: "read", command: "devices list", logger: ctx.out });
  let reads;
  try {
    ctx.out.info("reading NinjaOne devices and the linked tenants' devices…");
    reads = await readDevicePairing(new JobSession(ctx), state.data, await ctx.config(), ctx.env);
  } finally {
    await state.close();
  }
  const { rows: all, findings } = deviceRows({ ...reads, now: new Date() });
  const rows = opts.unmatched ? all.filter((r) => r.status === "unmatched") : all;
  if (ctx.json) {
    ctx.out.printJson({ pairs: rows, findings, unreadable: reads.unreadable });
    return;
  }
  for (const u of reads.unreadable) ctx.out.warn(`${u.service} tenant ${u.targetId} could not be read: ${u.reason}`);
  if (opts.csv) {
    ctx.out.print(csvLines(["org_id", "organization", "service", "ninja_device_id", "ninja_device", "other_id", "other_name", "by", "status", "reason"], rows.map(csvRow)));
    return;
  }
  if (rows.length === 0) {
    ctx.out.success(reads.orgLinks.length === 0 ? "no organization is linked to a configured service: nothing to pair" : "no device to show");
    return;
  }
  ctx.out.print(renderTable(HEAD, rows.map(tableRow)));
  for (const f of findings) ctx.out.warn(`${f.subject} (${f.org.name}): ${f.message}`);
}

function tableRow(r: DeviceRow): string[] {
  return [r.org.name, r.service, r.ninja === null ? "-" : `${r.ninja.name} (${r.ninja.id})`, r.remote === null ? "-" : r.remote.name, r.by ?? "-", r.status, r.reason ?? ""];
}

function csvRow(r: DeviceRow): Array<string | number> {
  return [r.org.id, r.org.name, r.service, r.ninja?.id ?? "", r.ninja?.name ?? "", r.remote?.id ?? "", r.remote?.name ?? "", r.by ?? "", r.status, r.reason ?? ""];
}
