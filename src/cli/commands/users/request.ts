import { DriftError, UsageError, WaitTimeoutError } from "../../../errors.js";
import { parseDuration } from "../../../http/index.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { describeAction } from "../../../jobs/users/plan/plan-access.js";
import { adoptRequest, forgetPending, openRequest, waitForApproval } from "../../../jobs/users/request.js";
import { usersSettings } from "../../../jobs/users/settings.js";
import { openState } from "../../../state/index.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";

export interface UsersRequestOptions {
  file?: string;
  wait?: boolean;
  timeout?: string;
  adopt?: string;
  forgetPending?: boolean;
}

/** `--adopt` and `--forget-pending`: settle a request a stopped run left pending. */
async function settlePending(opts: UsersRequestOptions, ctx: Context): Promise<void> {
  if (opts.file !== undefined || opts.wait === true || (opts.adopt !== undefined && opts.forgetPending === true)) throw new UsageError("--adopt and --forget-pending take no other option");
  const ticketId = opts.adopt === undefined ? undefined : Number(opts.adopt);
  if (ticketId !== undefined && !(Number.isInteger(ticketId) && ticketId > 0)) throw new UsageError(`--adopt takes a ticket id, not "${opts.adopt}"`);
  const state = await openState(await ctx.statePath(), { mode: "write", command: "users request", logger: ctx.out });
  try {
    if (ticketId !== undefined) {
      const marker = await adoptRequest(new JobSession(ctx), state, ticketId);
      if (ctx.json) ctx.out.printJson({ adopted: ticketId, marker });
      ctx.out.outcome(`recorded ticket ${ticketId} as the request ${marker}; once approved: ninja-bridge users apply --ticket ${ticketId}`);
      return;
    }
    const forgotten = await forgetPending(state);
    if (ctx.json) ctx.out.printJson({ forgotten });
    ctx.out.outcome(forgotten.length === 0 ? "no request was pending" : `forgot ${plural(forgotten.length, "pending request")}: ${forgotten.join(", ")}`);
  } finally {
    await state.close();
  }
}

const DEFAULT_TIMEOUT = "30m";

export async function run(opts: UsersRequestOptions, ctx: Context): Promise<void> {
  if (opts.adopt !== undefined || opts.forgetPending === true) return settlePending(opts, ctx);
  const file = opts.file;
  if (file === undefined) throw new UsageError("users request needs --file <access file>");
  const timeoutMs = parseDuration(opts.timeout ?? DEFAULT_TIMEOUT);
  if (timeoutMs === undefined || timeoutMs <= 0) throw new UsageError(`--timeout must be a duration such as 30m, 90s or 2h, not "${opts.timeout}"`);
  if (opts.timeout !== undefined && opts.wait !== true) throw new UsageError("--timeout is for --wait");
  if (ctx.dryRun) throw new UsageError("users request opens a ticket; see the changes it would ask for with `users apply --file <file> --dry-run`");
  const settings = usersSettings(await ctx.config(), ctx.env, { file: file });
  const session = new JobSession(ctx);
  const state = await openState(await ctx.statePath(), { mode: "write", command: "users request", logger: ctx.out });
  let opened;
  try {
    ctx.out.info("reading NinjaOne technicians, end users and roles…");
    opened = await openRequest(session, state, settings, file, (id) => `ninja-bridge users apply --ticket ${id}`);
  } finally {
    await state.close();
  }
  if (opened === undefined) {
    if (ctx.json) ctx.out.printJson({ file: file, ticketId: null, changes: [] });
    ctx.out.success(`NinjaOne already matches ${file}: nothing to request`);
    return;
  }
  const report = (verdict?: string) => ({ file: file, ticketId: opened.ticketId, marker: opened.marker, changes: opened.actions.map(describeAction), refused: opened.refused.map((r) => ({ change: describeAction(r.action), reason: r.reason })), ...(verdict === undefined ? {} : { verdict }) });
  ctx.out.outcome(`ticket ${opened.ticketId} asks to approve ${plural(opened.actions.length, "change")}; once approved: ninja-bridge users apply --ticket ${opened.ticketId}`);
  if (opts.wait !== true) {
    if (ctx.json) ctx.out.printJson(report());
    return;
  }
  ctx.out.info(`waiting for ticket ${opened.ticketId} to reach ${settings.approvalStatus} (at most ${opts.timeout ?? DEFAULT_TIMEOUT})…`);
  const result = await waitForApproval(await session.ninjaone(), {
    ticketId: opened.ticketId,
    approvalStatus: settings.approvalStatus as string,
    statuses: opened.statuses,
    timeoutMs,
    deadline: ctx.deadline,
    rateLimit: settings.rateLimit,
    logger: ctx.out,
  });
  if (ctx.json) ctx.out.printJson(report(result.verdict));
  if (result.verdict === "approved") {
    ctx.out.success(`ticket ${opened.ticketId} was approved (${result.status}); apply it with: ninja-bridge users apply --ticket ${opened.ticketId}`);
    return;
  }
  if (result.verdict === "rejected") throw new DriftError(`ticket ${opened.ticketId} was closed without approval (status ${result.status})`, { hint: "nothing will be applied from it" });
  throw new WaitTimeoutError(`ticket ${opened.ticketId} is still ${result.status} at ${result.limit ?? "--timeout"}`, { hint: `wait longer, or apply it once approved: ninja-bridge users apply --ticket ${opened.ticketId}` });
}
