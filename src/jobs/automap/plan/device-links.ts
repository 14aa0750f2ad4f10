import { orgSubject, refuse, targetSubject } from "./actions.js";
import { decideOrg, type OrgTally } from "./decide-org.js";
import type { DeviceMatch } from "./match-devices.js";
import { countedList, percent } from "./wording.js";
import type { AutomapOptions, Candidate, DeviceEvidence, LinkAction, NinjaOrg, RefuseAction, TargetTenant } from "./types.js";

export type MatchedDevice = Extract<DeviceMatch, { kind: "matched" }>;

export interface DeviceLinkContext {
  options: AutomapOptions;
  label: string;
  orgById: ReadonlyMap<number, NinjaOrg>;
  mappedOrgIds: ReadonlySet<number>;
  /** Organizations the name pass already linked, with their tenant. */
  linkedByName: ReadonlyMap<number, TargetTenant>;
}

const EXAMPLES = 3;

/**
 * The device pass: for each open tenant, the organization holding a clear majority of its
 * matched NinjaOne devices. Devices of every organization are counted, mapped ones too, so a
 * tenant whose devices mostly sit in a mapped organization is not handed to a bystander.
 * An organization claimed by several tenants gets none of them.
 */
export function proposeDeviceLinks(
  targets: readonly TargetTenant[],
  matchedByTarget: ReadonlyMap<string, readonly MatchedDevice[]>,
  ctx: DeviceLinkContext,
): { links: LinkAction[]; refusals: RefuseAction[] } {
  const { options, label } = ctx;
  const orgName = (id: number) => ctx.orgById.get(id)?.name ?? `#${id}`;
  const candidate = (t: OrgTally): Candidate => ({ id: t.orgId, name: orgName(t.orgId), devices: t.devices });
  const refusals: RefuseAction[] = [];
  const claims = new Map<number, { target: TargetTenant; evidence: DeviceEvidence }[]>();

  for (const target of targets) {
    const matched = matchedByTarget.get(target.id) ?? [];
    const decision = decideOrg(tally(matched), options);
    const subject = targetSubject(target);
    const about = `${label} "${target.name}"`;
    switch (decision.kind) {
      case "none":
        break;
      case "tie":
        refusals.push(refuse("device-tie", subject, decision.contenders.map(candidate),
          `${about}: its ${decision.matched} matched devices are split too evenly between ${countedList(decision.contenders.map(candidate))}; the leader needs ${options.minLead} more than any other`));
        break;
      case "too-few":
        refusals.push(refuse("too-little-evidence", subject, [candidate(decision.best)],
          `${about}: only ${decision.best.devices} matched device(s) point to "${orgName(decision.best.orgId)}"${aside(decision.best.orgId, ctx)}; at least ${options.minDevices} are needed`));
        break;
      case "low-share":
        refusals.push(refuse("too-little-evidence", subject, [decision.best, ...decision.others].map(candidate),
          `${about}: "${orgName(decision.best.orgId)}"${aside(decision.best.orgId, ctx)} holds ${percent(decision.share)} of ${decision.matched} matched devices; at least ${percent(options.minShare)} is needed`));
        break;
      case "winner": {
        const { orgId, devices } = decision.winner;
        const unavailable = whyUnavailable(orgId, ctx);
        if (unavailable !== undefined) {
          refusals.push(refuse("org-unavailable", subject, [candidate(decision.winner)],
            `${about}: ${devices} of ${decision.matched} matched devices belong to "${orgName(orgId)}", which ${unavailable}`));
          break;
        }
        const evidence = deviceEvidence(matched, orgId, decision.matched, decision.others.map(candidate));
        const claimed = claims.get(orgId);
        if (claimed === undefined) claims.set(orgId, [{ target, evidence }]);
        else claimed.push({ target, evidence });
      }
    }
  }

  const links: LinkAction[] = [];
  for (const [orgId, claimed] of claims) {
    const org = ctx.orgById.get(orgId);
    const [only] = claimed;
    if (org === undefined || only === undefined) continue;
    if (claimed.length > 1) {
      const contenders = claimed.map((c) => ({ id: c.target.id, name: c.target.name, devices: c.evidence.devices }));
      refusals.push(refuse("org-contested", orgSubject(org), contenders,
        `NinjaOne organization "${org.name}": the devices of ${claimed.length} ${label}s point to it, ${countedList(contenders)}; link one by hand`));
      continue;
    }
    const e = only.evidence;
    links.push({
      kind: "link",
      org: { id: org.id, name: org.name },
      target: { id: only.target.id, name: only.target.name },
      evidence: e,
      reason: `${e.devices} of ${e.matched} matched devices (${percent(e.share)}) of ${label} "${only.target.name}" belong to NinjaOne organization "${org.name}" (${e.bySerial} by serial, ${e.byHostname} by hostname)`,
    });
  }
  return { links, refusals };
}

function tally(matched: readonly MatchedDevice[]): OrgTally[] {
  const counts = new Map<number, number>();
  for (const m of matched) counts.set(m.ninja.organizationId, (counts.get(m.ninja.organizationId) ?? 0) + 1);
  return [...counts].map(([orgId, devices]) => ({ orgId, devices }));
}

function deviceEvidence(matched: readonly MatchedDevice[], orgId: number, total: number, otherOrgs: Candidate[]): DeviceEvidence {
  const own = matched.filter((m) => m.ninja.organizationId === orgId);
  const serials = own.flatMap((m) => (m.by === "serial" ? [m.serial] : []));
  const hostnames = own.flatMap((m) => (m.by === "hostname" ? [m.ninja.systemName] : []));
  return {
    by: "devices",
    devices: own.length,
    matched: total,
    share: own.length / total,
    bySerial: serials.length,
    byHostname: hostnames.length,
    exampleSerials: serials.slice(0, EXAMPLES),
    exampleHostnames: hostnames.slice(0, EXAMPLES),
    otherOrgs,
  };
}

function whyUnavailable(orgId: number, ctx: DeviceLinkContext): string | undefined {
  if (!ctx.orgById.has(orgId)) return "is not among the NinjaOne organizations read";
  if (ctx.mappedOrgIds.has(orgId)) return `is already mapped to another ${ctx.label}`;
  const byName = ctx.linkedByName.get(orgId);
  return byName === undefined ? undefined : `is linked by name to ${ctx.label} "${byName.name}"`;
}

/** ` (which is …)` when the leading organization could not have been linked anyway. */
function aside(orgId: number, ctx: DeviceLinkContext): string {
  const why = whyUnavailable(orgId, ctx);
  return why === undefined ? "" : ` (which ${why})`;
}
