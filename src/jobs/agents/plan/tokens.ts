import type { AgentToken } from "../../../state/index.js";

export interface MintAction {
  kind: "mint-token";
  orgId: number;
  orgName: string;
  tenantId: string;
  tenantName: string;
  field: string;
  reason: string;
}

export interface TokenPlanInput {
  links: ReadonlyArray<{ orgId: number; orgName: string; targetId: string; targetName: string }>;
  /** What the state file records per organization. */
  recorded: Readonly<Record<string, Readonly<AgentToken>>>;
  field: string;
  /** Renew a token that expires within this many days. */
  renewDays: number;
  orgIds?: ReadonlySet<number>;
  now: Date;
}

const DAY_MS = 86_400_000;

/**
 * The organizations whose field needs a (new) token: none recorded, one for another customer
 * or field, or one that expires within the renewal window.
 */
export function planTokens(input: TokenPlanInput): MintAction[] {
  const out: MintAction[] = [];
  for (const link of input.links) {
    if (input.orgIds !== undefined && !input.orgIds.has(link.orgId)) continue;
    const have = input.recorded[String(link.orgId)];
    const reason = mintReason(have, link.targetId, input);
    if (reason === undefined) continue;
    out.push({ kind: "mint-token", orgId: link.orgId, orgName: link.orgName, tenantId: link.targetId, tenantName: link.targetName, field: input.field, reason });
  }
  return out;
}

function mintReason(have: Readonly<AgentToken> | undefined, tenantId: string, input: TokenPlanInput): string | undefined {
  if (have === undefined) return "no token yet";
  if (have.acronisTenantId !== tenantId) return "the organization is now mapped to another customer";
  if (have.field !== input.field) return `the token field is now ${input.field}`;
  const left = Date.parse(have.expiresAt) - input.now.getTime();
  if (left <= 0) return `the token expired at ${have.expiresAt}`;
  if (left <= input.renewDays * DAY_MS) return `the token expires at ${have.expiresAt}, within ${input.renewDays} days`;
  return undefined;
}
