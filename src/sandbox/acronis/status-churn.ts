import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { jsonResponse, parseJsonBodyWith } from "../http-util.js";
import { Prng } from "../prng.js";
import type { PolicyRun, Workload } from "./model.js";
import type { AcronisState } from "./service-state.js";
import { rfc3339 } from "./time-format.js";

const DAY = 86_400_000;

/** Its own PRNG stream, apart from seeding's, so churning never depends on how the estate was built. */
const CHURN_SALT = 0xc4a2e5;

/** Statuses of a workload whose last backup did not succeed; the next run that succeeds clears them. */
const FAILING = new Set(["warning", "error", "critical"]);

const ChurnRequest = z
  .strictObject({
    /** The share of protected workloads to change, 0 to 1 (at least one when above 0). */
    share: z.number().min(0).max(1).optional(),
    count: z.number().int().min(0).optional(),
  })
  .refine((b) => (b.share === undefined) !== (b.count === undefined), { message: "body must set exactly one of share, count" });

export interface StatusChange {
  id: string;
  name: string;
  /** The NinjaOne device the workload was made from, when it was. */
  ninjaDeviceId?: number;
  /** Present only when the aggregate status changed. */
  status?: { from: string; to: string };
  /** The last successful backup (RFC 3339), present only when it moved. */
  lastBackup?: { from: string | null; to: string };
}

/** The workloads a churn may touch: live, with a backup plan (only those have backups to run). */
function protectedWorkloads(state: AcronisState): Workload[] {
  return state.store.workloads.filter((w) => w.deletedMs === null && w.policies.some(isBackup));
}

function isBackup(p: PolicyRun): boolean {
  return p.type.startsWith("policy.backup.");
}

function lastSuccess(w: Workload): number | undefined {
  const times = w.policies.filter(isBackup).flatMap((p) => (p.lastSuccessMs === undefined ? [] : [p.lastSuccessMs]));
  return times.length === 0 ? undefined : Math.max(...times);
}

/**
 * One backup run of each picked workload finishes now, as a day of backups does: a failing
 * workload recovers (status `idle`, last backup now); a healthy one mostly succeeds again (last
 * backup now) and now and then fails (status `error` or `warning`, last backup kept). So every
 * picked workload changes at least one value the fields job writes.
 */
function runBackup(w: Workload, prng: Prng, now: number): StatusChange {
  const before = { status: w.status, lastBackup: lastSuccess(w) };
  const fails = !FAILING.has(w.status) && prng.chance(0.2);
  for (const p of w.policies.filter(isBackup)) {
    p.lastRunMs = now;
    p.nextRunMs = now + DAY;
    if (!fails) p.lastSuccessMs = now;
  }
  w.status = fails ? prng.pick(["error", "warning"]) : "idle";
  w.updatedMs = now;
  const change: StatusChange = { id: w.id, name: w.name };
  if (w.ninjaDeviceId !== undefined) change.ninjaDeviceId = w.ninjaDeviceId;
  if (w.status !== before.status) change.status = { from: before.status, to: w.status };
  if (!fails) change.lastBackup = { from: before.lastBackup === undefined ? null : rfc3339(before.lastBackup), to: rfc3339(now) };
  return change;
}

/**
 * `POST /statuses/churn {"share": 0.01}` or `{"count": N}`: backups run on that many protected
 * workloads, picked from the sandbox seed (the n-th churn of an estate picks the same workloads
 * every time). Answers the sandbox time and each changed workload with its before and after.
 */
export function churnStatuses(state: AcronisState, req: SandboxRequest): SandboxResponse {
  const parsed = parseJsonBodyWith(req, ChurnRequest);
  if (!parsed.ok) return jsonResponse(400, { error: parsed.error });
  const pool = protectedWorkloads(state);
  const { share, count } = parsed.value;
  const wanted = Math.min(pool.length, count ?? (share === 0 ? 0 : Math.max(1, Math.round((share ?? 0) * pool.length))));
  const prng = new Prng((state.ctx.params.seed ^ CHURN_SALT ^ Math.imul(state.churns, 0x9e3779b1)) >>> 0);
  state.churns += 1;
  // A partial Fisher-Yates shuffle: the first `wanted` places hold a seeded sample without repeats.
  const picked = [...pool];
  for (let i = 0; i < wanted; i++) {
    const j = prng.int(i, picked.length - 1);
    [picked[i], picked[j]] = [picked[j] as Workload, picked[i] as Workload];
  }
  const now = state.ctx.now();
  const workloads = picked.slice(0, wanted).map((w) => runBackup(w, prng, now));
  return jsonResponse(200, { at: rfc3339(now), atMs: now, protectedWorkloads: pool.length, changed: workloads.length, workloads });
}
