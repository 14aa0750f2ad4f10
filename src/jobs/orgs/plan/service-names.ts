import type { TargetService } from "../../../services.js";

/** How output names a service's side of a link: Acronis tenants, M365 tenants (read through CIPP). */
export function targetLabel(service: TargetService): string {
  return service === "acronis" ? "Acronis tenant" : "M365 tenant";
}

