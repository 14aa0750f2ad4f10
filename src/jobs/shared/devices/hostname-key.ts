/**
 * The key device names are compared on: case-insensitive and without a DNS suffix, so the
 * Intune name "PC01", the agent hostname "pc01.contoso.local" and NinjaOne's systemName
 * agree. Undefined for names that identify no machine (blank, or an IP address).
 */
export function hostnameKey(name: string | null | undefined): string | undefined {
  const trimmed = (name ?? "").trim();
  if (trimmed === "" || /^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed) || trimmed.includes(":")) return undefined;
  const [host] = trimmed.split(".");
  return host === undefined || host === "" ? undefined : host.toLowerCase();
}
