import { jsonResponse } from "../http-util.js";
import { SANDBOX_USERS } from "./apps.js";
import { badRequest, type ApiRoute, type RouteContext } from "./routing.js";

/** `GET /v2/users` (getUsers): a bare array of technicians and end users, `userType` filters. */
function listUsers(rc: RouteContext) {
  const type = rc.req.query.get("userType");
  if (type !== null && type !== "TECHNICIAN" && type !== "END_USER") return badRequest(rc, `Invalid userType: ${type}`);
  const users = SANDBOX_USERS.filter((u) => type === null || u.userType === type).map((u) => ({ ...u }));
  return jsonResponse(200, users, { route: rc.route });
}

export const userRoutes: ApiRoute[] = [{ method: "GET", template: "/v2/users", scope: "monitoring", handle: listUsers }];
