import { normalizeName } from "../names/normalize-name.js";

/**
 * The new customer's admin e-mail: one address for every customer, or a pattern filled in
 * per organization with {orgId} and {slug} (the organization's name in lower-case ASCII
 * words joined by "-"), since a login can only exist once on the whole platform.
 */

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PLACEHOLDER = /\{([a-zA-Z]*)\}/g;
const KNOWN = new Set(["orgId", "slug"]);

/** "Tailspin Toys (HQ)" → "tailspin-toys-hq"; a name with no ASCII letters or digits → "org-<id>". */
export function orgSlug(org: { id: number; name: string }): string {
  const ascii = normalizeName(org.name)
    .normalize("NFKD")
    .replace(/[^a-z0-9 ]/g, "")
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "")
    .join("-");
  return ascii === "" ? `org-${org.id}` : ascii;
}

export function adminEmailFor(pattern: string, org: { id: number; name: string }): string {
  return pattern.replace(PLACEHOLDER, (_, name: string) => (name === "orgId" ? String(org.id) : orgSlug(org)));
}

/** Why a pattern cannot give an address, or undefined when it can. */
export function adminEmailProblem(pattern: string): string | undefined {
  for (const [, name] of pattern.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(name ?? "")) return `unknown placeholder {${name ?? ""}}: use {orgId} or {slug}`;
  }
  return EMAIL.test(adminEmailFor(pattern, { id: 1, name: "Example" })) ? undefined : "not an e-mail address";
}

/**
 * Logins to try, in order: the e-mail itself (Acronis accepts an address as a login), then
 * names made from the organization, which stay readable when the address is taken.
 */
export function loginCandidates(email: string, org: { id: number; name: string }): string[] {
  const base = `${orgSlug(org)}-admin`;
  return [email, base, `${base}-${org.id}`, `${base}-${org.id}-2`, `${base}-${org.id}-3`];
}
