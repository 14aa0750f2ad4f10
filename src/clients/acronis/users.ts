import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { cursorItems } from "./paging.js";

/** Acronis users (reference §3): check a login, create, give a role, send the activation e-mail. */

export interface AcronisUser {
  id: string;
  tenantId: string;
  login: string;
  email: string | null;
  activated: boolean;
}

const userSchema = z.object({
  id: z.string(),
  tenant_id: z.string(),
  login: z.string(),
  activated: z.boolean(),
  contact: z.object({ email: z.string().nullish() }).nullish(),
});

function toUser(body: z.infer<typeof userSchema>): AcronisUser {
  return { id: body.id, tenantId: body.tenant_id, login: body.login, email: body.contact?.email ?? null, activated: body.activated };
}

const USERS = "/api/2/users";
const ZERO_UUID = "00000000-0000-0000-0000-000000000000";

export type LoginVerdict = "free" | "taken" | "unacceptable";

/** Logins are unique across the whole platform: 204 free, 409 taken, 406 not a valid login. */
export async function checkLogin(http: HttpClient, login: string): Promise<LoginVerdict> {
  const response = await http.send({ method: "GET", path: `${USERS}/check_login`, query: { username: login }, expectedStatus: [204, 406, 409] });
  if (response.status === 204) return "free";
  return response.status === 409 ? "taken" : "unacceptable";
}

/** Every user whose home is the tenant itself (not its sub-tenants). */
export async function* listUsersOfTenant(http: HttpClient, tenantId: string): AsyncGenerator<AcronisUser> {
  for await (const body of cursorItems(http, USERS, { subtree_root_tenant_id: tenantId }, 2000, userSchema)) {
    if (body.tenant_id === tenantId) yield toUser(body);
  }
}

/**
 * One user (`GET /api/2/users/{id}`): Acronis' documented way to check whether a user is
 * activated (G: …/users/activation). Whether an activation e-mail went out is not shown.
 */
export async function getUser(http: HttpClient, userId: string): Promise<AcronisUser> {
  return toUser(await http.request({ method: "GET", path: `${USERS}/${encodeURIComponent(userId)}`, schema: userSchema }));
}

/** `POST /api/2/users` (200, not 201). Not idempotent: a caller that lost the answer lists the tenant's users. */
export async function createUser(http: HttpClient, user: { tenantId: string; login: string; email: string }): Promise<AcronisUser> {
  const body = await http.request({
    method: "POST",
    path: USERS,
    json: { tenant_id: user.tenantId, login: user.login, contact: { email: user.email } },
    expectedStatus: [200, 201],
    schema: userSchema,
  });
  return toUser(body);
}

/** Makes the user the customer's Company administrator. The PUT rewrites every policy of the user. */
export async function makeCompanyAdmin(http: HttpClient, userId: string, tenantId: string): Promise<void> {
  await http.request({
    method: "PUT",
    path: `${USERS}/${encodeURIComponent(userId)}/access_policies`,
    json: {
      items: [{ id: ZERO_UUID, issuer_id: ZERO_UUID, role_id: "company_admin", tenant_id: tenantId, trustee_id: userId, trustee_type: "user", version: 0 }],
    },
  });
}

/** Queues the activation e-mail to the user's contact address (204). */
export async function sendActivationEmail(http: HttpClient, userId: string): Promise<void> {
  await http.request({ method: "POST", path: `${USERS}/${encodeURIComponent(userId)}/send-activation-email`, json: {}, expectedStatus: [200, 202, 204] });
}
