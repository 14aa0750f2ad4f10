import type { TargetService } from "../../../services.js";

/** How plans name the tenants of each target system to a person. */
export const TARGET_LABEL: Readonly<Record<TargetService, string>> = {
  acronis: "Acronis tenant",
  cipp: "Microsoft 365 tenant",
};

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** `"a" (3), "b" (2) and "c"`: names quoted, device counts where known. */
export function countedList(items: readonly { name: string; devices?: number }[]): string {
  const parts = items.map((i) => (i.devices === undefined ? `"${i.name}"` : `"${i.name}" (${i.devices})`));
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}
