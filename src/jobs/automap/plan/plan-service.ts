import { orgSubject, refuse, targetSubject } from "./actions.js";
import { proposeDeviceLinks, type MatchedDevice } from "./device-links.js";
import { matchNames, type NameLink } from "./match-names.js";
import { matchTargetDevices } from "./match-devices.js";
import { indexNinjaDevices } from "./ninja-device-index.js";
import { resolveAutomapOptions } from "./options.js";
import { countedList, TARGET_LABEL } from "./wording.js";
import type { AutomapAction, AutomapInput, AutomapPlan, LinkAction, RefuseAction, SkipAction, TargetDevice, TargetTenant, UnmatchedAction, UnmatchedDevice } from "./types.js";

/**
 * Proposes links between NinjaOne organizations and one system's tenants: names first, then
 * the devices both sides know, for whatever the names left open. Mapped organizations and
 * tenants are never candidates. Every link not proposed is reported with its reason.
 */
export function planAutomap(input: AutomapInput): AutomapPlan {
  const options = resolveAutomapOptions(input.options);
  const label = TARGET_LABEL[input.target];
  const mappedOrgIds = new Set(input.mappedOrgIds);
  const mappedTargetIds = new Set(input.mappedTargetIds);
  const orgById = new Map(input.orgs.map((o) => [o.id, o]));
  const targetById = new Map(input.targets.map((t) => [t.id, t]));

  const skips: SkipAction[] = [
    ...input.orgs.filter((o) => mappedOrgIds.has(o.id)).map((o): SkipAction => ({ kind: "skip", subject: orgSubject(o), reason: `already mapped to a ${label}` })),
    ...input.targets.filter((t) => mappedTargetIds.has(t.id)).map((t): SkipAction => ({ kind: "skip", subject: targetSubject(t), reason: "already mapped to a NinjaOne organization" })),
  ];
  const freeOrgs = input.orgs.filter((o) => !mappedOrgIds.has(o.id));
  const freeTargets = input.targets.filter((t) => !mappedTargetIds.has(t.id));

  const names = matchNames(freeOrgs, freeTargets);
  const linkedByName = new Map(names.links.map((l) => [l.org.id, l.target]));
  const targetsLinkedByName = new Set(names.links.map((l) => l.target.id));

  const index = indexNinjaDevices(input.devices);
  const deviceMatches = matchTargetDevices(input.targetDevices, index);
  const matchedByTarget = new Map<string, MatchedDevice[]>();
  const unmatchedDevices: UnmatchedDevice[] = [];
  for (const m of deviceMatches.matches) {
    if (m.kind === "unmatched") unmatchedDevices.push(unmatchedDevice(m.device, m.reason, targetById));
    else {
      const list = matchedByTarget.get(m.device.targetId);
      if (list === undefined) matchedByTarget.set(m.device.targetId, [m]);
      else list.push(m);
    }
  }

  const unreadable = new Map((input.unreadableTargets ?? []).map((u) => [u.id, u.reason]));
  const openTargets = freeTargets.filter((t) => !targetsLinkedByName.has(t.id));
  const unread = openTargets.filter((t) => unreadable.has(t.id));
  const byDevices = proposeDeviceLinks(
    openTargets.filter((t) => !unreadable.has(t.id)),
    new Map([...matchedByTarget].map(([id, matched]) => [id, onePerNinjaDevice(matched)])),
    { options, label, orgById, mappedOrgIds, linkedByName },
  );
  // An unread open tenant could claim any organization its devices point to, and an
  // organization two tenants claim goes to neither: without its devices, no device link of
  // this run stands on the whole evidence. Names need no devices and still link.
  const held = input.devicesHeld ?? (unread.length > 0 ? `the devices of ${countedList(unread)} could not be read, and they might point to the same organization` : undefined);
  const deviceLinks = held === undefined ? byDevices.links : [];
  const heldLinks = held === undefined ? [] : byDevices.links.map((l) => holdLink(l, label, held));
  const unreadRefusals = unread.map((t) =>
    refuse("devices-unread", targetSubject(t), [], `${label} "${t.name}": its devices could not be read (${unreadable.get(t.id) ?? "unknown error"}); only its name was matched, and it is tried again next run`),
  );
  const links = [...names.links.map((l) => nameLink(l, label)), ...deviceLinks];
  const linkedOrgIds = new Set(links.map((l) => l.org.id));
  const linkedTargetIds = new Set(links.map((l) => l.target.id));

  // A name tie the device pass resolved is no longer worth reporting.
  const nameTies: RefuseAction[] = names.ties.flatMap((tie) => {
    if (tie.side === "org") {
      if (linkedOrgIds.has(tie.org.id)) return [];
      const candidates = tie.candidates.map((t) => ({ id: t.id, name: t.name }));
      return [refuse("name-tie", orgSubject(tie.org), candidates, `NinjaOne organization "${tie.org.name}" matches ${candidates.length} ${label}s by name: ${countedList(candidates)}`)];
    }
    if (linkedTargetIds.has(tie.target.id)) return [];
    const candidates = tie.candidates.map((o) => ({ id: o.id, name: o.name }));
    return [refuse("name-tie", targetSubject(tie.target), candidates, `${label} "${tie.target.name}" matches ${candidates.length} NinjaOne organizations by name: ${countedList(candidates)}`)];
  });
  const refusals = [...byDevices.refusals, ...heldLinks, ...unreadRefusals, ...nameTies];

  // Whatever a refusal names is accounted for; only the rest is reported as unmatched.
  const mentioned = new Set<string>();
  for (const r of refusals) {
    mentioned.add(`${r.subject.side}:${r.subject.id}`);
    for (const c of r.candidates) mentioned.add(`${r.subject.side === "org" ? "target" : "org"}:${c.id}`);
  }
  const unmatched: UnmatchedAction[] = [
    ...freeOrgs
      .filter((o) => !linkedOrgIds.has(o.id) && !mentioned.has(`org:${o.id}`))
      .map((o): UnmatchedAction => ({ kind: "unmatched", subject: orgSubject(o), reason: `no ${label} matches by name or by devices` })),
    ...freeTargets
      .filter((t) => !linkedTargetIds.has(t.id) && !mentioned.has(`target:${t.id}`))
      .map((t): UnmatchedAction => ({ kind: "unmatched", subject: targetSubject(t), reason: "no NinjaOne organization matches by name or by devices" })),
  ];

  const actions: AutomapAction[] = [...links, ...refusals, ...skips, ...unmatched];
  return {
    target: input.target,
    options,
    actions,
    unmatchedDevices,
    serials: {
      junk: [...index.junk, ...deviceMatches.junk],
      virtual: [...index.virtual, ...deviceMatches.virtual],
      duplicates: index.duplicates,
    },
    summary: {
      link: links.length,
      refuse: refusals.length,
      skip: skips.length,
      unmatched: unmatched.length,
      unmatchedDevices: unmatchedDevices.length,
    },
  };
}

/** Two workloads of one machine (an agent reinstalled) count once; a serial match is the better evidence. */
function onePerNinjaDevice(matched: readonly MatchedDevice[]): MatchedDevice[] {
  const byNinja = new Map<number, MatchedDevice>();
  for (const m of matched) {
    const previous = byNinja.get(m.ninja.id);
    if (previous === undefined || (previous.by === "hostname" && m.by === "serial")) byNinja.set(m.ninja.id, m);
  }
  return [...byNinja.values()];
}

function unmatchedDevice(device: TargetDevice, reason: string, targetById: ReadonlyMap<string, TargetTenant>): UnmatchedDevice {
  const targetName = targetById.get(device.targetId)?.name ?? device.targetId;
  return { targetId: device.targetId, targetName, deviceId: device.id, name: device.name, serial: device.serial ?? null, reason };
}

/** A device link the evidence supports but this run cannot trust, reported with what it would have been. */
function holdLink(l: LinkAction, label: string, why: string): RefuseAction {
  const devices = l.evidence.by === "devices" ? l.evidence.devices : undefined;
  const candidate = { id: l.org.id, name: l.org.name, ...(devices === undefined ? {} : { devices }) };
  return refuse("evidence-incomplete", targetSubject(l.target), [candidate], `${label} "${l.target.name}": its devices point to NinjaOne organization "${l.org.name}", but ${why}; tried again next run`);
}

function nameLink(l: NameLink, label: string): LinkAction {
  const similar = [...l.similarOrgs, ...l.similarTargets].map((x) => ({ name: x.name }));
  const how = l.match === "exact" ? "have the same name" : `have the same name apart from case, punctuation and legal form ("${l.normalisedName}")`;
  const also = similar.length > 0 ? `; similar names lost to this exact match: ${countedList(similar)}` : "";
  return {
    kind: "link",
    org: { id: l.org.id, name: l.org.name },
    target: { id: l.target.id, name: l.target.name },
    evidence: {
      by: "name",
      match: l.match,
      ninjaName: l.org.name,
      targetName: l.target.name,
      normalisedName: l.normalisedName,
      similarOrgs: l.similarOrgs.map((o) => ({ id: o.id, name: o.name })),
      similarTargets: l.similarTargets.map((t) => ({ id: t.id, name: t.name })),
    },
    reason: `NinjaOne organization "${l.org.name}" and ${label} "${l.target.name}" ${how}${also}`,
  };
}
