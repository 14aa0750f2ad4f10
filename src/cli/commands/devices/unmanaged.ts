import { UsageError } from "../../../errors.js";
import { readDevicePairing } from "../../../jobs/devices/read.js";
import { deviceRows } from "../../../jobs/devices/plan/device-rows.js";
import { unmanagedDevices, type UnmanagedDevice } from "../../../jobs/devices/plan/unmanaged.js";
import { findOrg } from "../../../jobs/orgs/plan/find-org.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { openState } from "../../../state/index.js";
import type { Context } from "../../context.js";
import { renderTable } from "../../table.js";

export interface DevicesUnmanagedOptions {
  org?: string;
  ignore?: string;
  unignore?: string;
  showIgnored?: boolean;
}

const HEAD = ["ORGANIZATION", "INTUNE DEVICE", "INTUNE ID", "WHY"];

/**
 * The Intune devices of the linked Microsoft 365 tenants that no NinjaOne device pairs with,
 * or, with --ignore / --unignore, a change to the list of known exceptions kept in the state
 * file (offline: only the state file is read and written).
 */
export async function run(opts: DevicesUnmanagedOptions, ctx: Context): Promise<void> {
  if (opts.ignore !== undefined && opts.unignore !== undefined) throw new UsageError("give --ignore or --unignore, not both");
  if (opts.ignore !== undefined || opts.unignore !== undefined) {
    await changeIgnored(ctx, (opts.ignore ?? opts.unignore ?? "").trim(), opts.ignore !== undefined);
    return;
  }
  const state = await openState(await ctx.statePath(), { mode: "read", command: "devices unmanaged", logger: ctx.out });
  let reads;
  let ignoredIds: Set<string>;
  try {
    ctx.out.info("reading NinjaOne devices and the linked Microsoft 365 tenants' Intune devices…");
    reads = await readDevicePairing(new JobSession(ctx), state.data, await ctx.config(), ctx.env);
    ignoredIds = new Set(Object.keys(state.data.unmanagedIgnored ?? {}));
  } finally {
    await state.close();
  }
  const orgId = opts.org === undefined ? undefined : findOrg([...reads.orgNames].map(([id, name]) => ({ id, name })), opts.org).id;
  const { rows } = deviceRows({ ...reads, now: new Date() });
  const report = unmanagedDevices(rows, ignoredIds, orgId);
  const unreadable = reads.unreadable.filter((u) => u.service === "intune");
  if (ctx.json) {
    ctx.out.printJson({ devices: report.devices, ignored: opts.showIgnored === true ? report.ignored : report.ignored.length, unreadable });
    return;
  }
  for (const u of unreadable) ctx.out.warn(`Microsoft 365 tenant ${u.targetId} could not be read: ${u.reason}`);
  if (report.devices.length === 0) ctx.out.success("every Intune device of the linked tenants has a NinjaOne device");
  else ctx.out.print(renderTable(HEAD, report.devices.map(row)));
  if (opts.showIgnored === true && report.ignored.length > 0) ctx.out.print(`\nignored:\n${renderTable(HEAD, report.ignored.map(row))}`);
  else if (report.ignored.length > 0) ctx.out.info(`${report.ignored.length} ignored device(s) not shown (--show-ignored lists them; --unignore <id> shows one again)`);
}

function row(d: UnmanagedDevice): string[] {
  return [d.org.name, d.name, d.id, d.reason];
}

async function changeIgnored(ctx: Context, id: string, ignore: boolean): Promise<void> {
  if (id === "") throw new UsageError(`--${ignore ? "ignore" : "unignore"} needs an Intune device id`, { hint: "`devices unmanaged --json` shows each device's id" });
  const state = await openState(await ctx.statePath(), { mode: ctx.dryRun ? "read" : "write", command: "devices unmanaged", logger: ctx.out });
  try {
    const listed = state.data.unmanagedIgnored?.[id] !== undefined;
    const changed = listed !== ignore;
    if (changed && !ctx.dryRun) {
      await state.update((d) => {
        const all = (d.unmanagedIgnored ??= {});
        if (ignore) all[id] = { intuneDeviceId: id, ignoredAt: new Date().toISOString() };
        else delete all[id];
      });
    }
    if (ctx.json) ctx.out.printJson({ dryRun: ctx.dryRun, id, ignored: ignore, changed });
    const what = ignore ? `Intune device ${id} is ignored by \`devices unmanaged\`` : `Intune device ${id} is shown by \`devices unmanaged\` again`;
    if (!changed) ctx.out.success(`nothing to change: ${what}`);
    else if (ctx.dryRun) ctx.out.info(`dry run: ${what} once applied; nothing recorded`);
    else ctx.out.outcome(`recorded: ${what}`);
  } finally {
    await state.close();
  }
}
