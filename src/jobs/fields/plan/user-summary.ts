import type { CippLinkOptions, SummaryTenant, SummaryUser } from "./cipp-facts.js";
import { tenantLinks } from "./cipp-links.js";
import { compareText } from "./compare-text.js";
import { concat, heading, link, paragraph, table, type Html } from "../../shared/html.js";

/** CIPP shows the first 100 users; a longer table makes the field slow to open in NinjaOne. */
export const USER_SUMMARY_LIMIT = 100;

export interface UserSummaryInput extends CippLinkOptions {
  tenant: SummaryTenant;
  users: readonly SummaryUser[];
  /** Only users with at least one licence. */
  licensedOnly?: boolean;
  limit?: number;
}

/** The tenant's users by name with their licences; when cut short, says how many are left out. */
export function userSummaryHtml(input: UserSummaryInput): string {
  const limit = input.limit ?? USER_SUMMARY_LIMIT;
  const chosen = input.licensedOnly === true ? input.users.filter((u) => u.licenses.length > 0) : [...input.users];
  chosen.sort((a, b) => compareText(a.displayName, b.displayName) || compareText(a.userPrincipalName, b.userPrincipalName));
  const shown = chosen.slice(0, limit);
  const what = input.licensedOnly === true ? "licensed users" : "users";
  const parts: Html[] = [heading(`Microsoft 365 ${what}: ${input.tenant.displayName}`)];
  if (chosen.length > shown.length) {
    const all = tenantLinks(input.tenant, input).find((l) => l.label === "Users in CIPP");
    parts.push(paragraph(`${chosen.length} ${what}; the first ${shown.length} are shown. `, all === undefined ? undefined : link(all.url, "See all in CIPP")));
  }
  parts.push(
    table(
      ["Name", "User principal name", "Licences", "Sign-in", "Last sign-in", "Mailbox", "OneDrive", "Devices"],
      shown.map((u) => [
        u.displayName,
        u.userPrincipalName,
        u.licenses.length === 0 ? "None" : u.licenses.join(", "),
        signIn(u.accountEnabled),
        u.lastSignIn,
        u.mailbox,
        u.oneDrive,
        u.devices === undefined ? undefined : u.devices.length === 0 ? "None" : u.devices.join(", "),
      ]),
    ),
  );
  return concat(parts).html;
}

function signIn(enabled: boolean | null | undefined): string | undefined {
  if (enabled === null || enabled === undefined) return undefined;
  return enabled ? "Allowed" : "Blocked";
}
