import { z } from "zod";
import type { HttpClient } from "../../http/index.js";

/** A NinjaOne user as `GET /v2/users` (getUsers) lists it: technicians and end users. */
export interface NinjaUser {
  id: number;
  uid: string;
  email: string;
  name: string;
  userType: string;
  enabled: boolean;
}

const userSchema = z.object({
  id: z.number().int(),
  uid: z.string(),
  email: z.string().nullish(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  userType: z.string().nullish(),
  enabled: z.boolean().nullish(),
});

/** Every user of the tenant (not paged in the spec), optionally of one type. */
export async function listUsers(http: HttpClient, userType?: "TECHNICIAN" | "END_USER"): Promise<NinjaUser[]> {
  const list = await http.request({ method: "GET", path: "/v2/users", ...(userType === undefined ? {} : { query: { userType } }), schema: z.array(userSchema) });
  return list.map((u) => ({
    id: u.id,
    uid: u.uid,
    email: u.email ?? "",
    name: [u.firstName, u.lastName].filter((p) => p != null && p !== "").join(" "),
    userType: u.userType ?? "",
    enabled: u.enabled ?? true,
  }));
}
