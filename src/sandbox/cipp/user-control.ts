import { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, matchPath, parseJsonBodyWith } from "../http-util.js";
import type { CippTenant, CippUser } from "./model.js";
import type { CippStore } from "./store.js";

/**
 * Control routes for one Microsoft 365 user (Entra object ids are unique across tenants, so
 * no tenant is named): an admin changes the user's licences, or deletes the user.
 */

const UserChange = z.strictObject({
  skuIds: z.array(z.string()).optional(),
  accountEnabled: z.boolean().optional(),
  displayName: z.string().trim().min(1).optional(),
  /** ISO 8601, or null for never. */
  lastSignIn: z.string().datetime().nullable().optional(),
});

function find(store: CippStore, id: string): { tenant: CippTenant; user: CippUser } | undefined {
  for (const tenant of store.tenants) {
    const user = tenant.users.find((u) => u.id === id);
    if (user !== undefined) return { tenant, user };
  }
  return undefined;
}

export function cippUserControl(store: CippStore, req: SandboxRequest): SandboxResponse | undefined {
  if (req.method !== "POST" && req.method !== "DELETE") return undefined;
  const match = matchPath("/users/{id}", req.path);
  if (match === undefined) return undefined;
  const found = find(store, match["id"] ?? "");
  if (found === undefined) return jsonResponse(404, { error: `no user ${match["id"] ?? ""}` });
  const { tenant, user } = found;
  if (req.method === "DELETE") {
    tenant.users.splice(tenant.users.indexOf(user), 1);
    return emptyResponse(204);
  }
  const parsed = parseJsonBodyWith(req, UserChange);
  if (!parsed.ok) return jsonResponse(400, { error: parsed.error });
  const { skuIds, accountEnabled, displayName, lastSignIn } = parsed.value;
  if (skuIds !== undefined) {
    const unknown = skuIds.find((id) => !tenant.skus.some((s) => s.sku.skuId === id));
    if (unknown !== undefined) return jsonResponse(400, { error: `skuIds: the tenant holds no SKU ${unknown}` });
    user.assignedLicenses = skuIds.map((skuId) => ({ skuId, disabledPlans: [] }));
  }
  if (accountEnabled !== undefined) user.accountEnabled = accountEnabled;
  if (displayName !== undefined) user.displayName = displayName;
  const activity = tenant.activity.get(user.id);
  if (lastSignIn !== undefined && activity !== undefined) activity.lastSignIn = lastSignIn;
  return jsonResponse(200, user);
}
