import type { Candidate, NinjaOrg, RefuseAction, Subject, TargetTenant } from "./types.js";

export function refuse(cause: RefuseAction["cause"], subject: Subject, candidates: Candidate[], reason: string): RefuseAction {
  return { kind: "refuse", cause, subject, candidates, reason };
}

export function orgSubject(o: NinjaOrg): Subject {
  return { side: "org", id: o.id, name: o.name };
}

export function targetSubject(t: TargetTenant): Subject {
  return { side: "target", id: t.id, name: t.name };
}
