import type { OfferingItem } from "../../../clients/acronis/tenant-admin.js";

/** The edition setting that stands for every edition the partner offers (reference acronis-api §2). */
export const EVERY_EDITION = "*";

export type ServicesChoice = { ok: true; items: OfferingItem[] } | { ok: false; problem: string };

function editionsOf(items: readonly OfferingItem[]): string[] {
  return [...new Set(items.map((i) => i.edition ?? "(none)"))].sort();
}

/**
 * The offering items a new customer gets: the named ones, or every item the edition offers
 * (one storage item at most, as Acronis allows). `*` with no names needs the partner to offer
 * one edition only: mixing editions is a choice for a person. A choice that would enable
 * nothing is a problem, so no customer is ever created without services.
 */
export function chooseServices(offered: readonly OfferingItem[], wanted: readonly string[], edition: string): ServicesChoice {
  const scope = edition === EVERY_EDITION ? "any edition" : `the ${edition} edition`;
  if (offered.length === 0) return { ok: false, problem: `the partner offers a new customer nothing in ${scope}` };
  if (wanted.length > 0) {
    const missing = wanted.filter((name) => !offered.some((i) => i.name === name));
    if (missing.length > 0) return { ok: false, problem: `the partner offers no ${missing.join(", ")} in ${scope} (offered: ${offered.map((i) => i.name).join(", ")})` };
    return { ok: true, items: offered.filter((i) => wanted.includes(i.name)) };
  }
  const editions = editionsOf(offered);
  if (editions.length > 1) return { ok: false, problem: `the partner offers several editions (${editions.join(", ")}) and no offering items are named` };
  const storage = offered.find((i) => i.type === "infra");
  return { ok: true, items: offered.filter((i) => i.type !== "infra" || i === storage) };
}
