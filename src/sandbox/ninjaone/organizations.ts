import type { SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, parseJsonBodyWith } from "../http-util.js";
import { z } from "zod";
import { pageAfter, readPageParams } from "./paging.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";
import { orgBriefView, orgDetailedView } from "./views.js";
import type { OrgRecord } from "./world.js";

/** Organization endpoints (reference §3): keyset-paged lists, one organization, create, update. */

const ApprovalMode = z.enum(["AUTOMATIC", "MANUAL", "REJECT"]);
const UserData = z.record(z.string(), z.unknown());

const NewOrganization = z.object({
  name: z.string().trim().min(1, "name is required").max(200),
  description: z.string().max(1000).optional(),
  nodeApprovalMode: ApprovalMode.optional(),
  userData: UserData.optional(),
  locations: z
    .array(
      z.object({
        name: z.string().trim().min(1, "location name is required"),
        address: z.string().optional(),
        description: z.string().optional(),
        userData: UserData.optional(),
      }),
    )
    .optional(),
  policies: z.array(z.object({ nodeRoleId: z.number().int(), policyId: z.number().int() })).optional(),
});

const OrganizationPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(1000).optional(),
  nodeApprovalMode: ApprovalMode.optional(),
  userData: UserData.optional(),
});

function listOrgs(rc: RouteContext, view: (org: OrgRecord) => Record<string, unknown>): SandboxResponse {
  const page = readPageParams(rc.req.query, rc.options.defaultPageSize, rc.options.maxPageSize);
  if (!page.ok) return badRequest(rc, page.error);
  // Reference §4: the `of` syntax is UNVERIFIED beyond one example; refuse rather than ignore it.
  const of = rc.req.query.get("of");
  if (of !== null && of !== "") return badRequest(rc, `Unsupported organization filter: ${of}`);
  const ids = pageAfter(rc.world.orgIds, page.after, page.pageSize);
  return jsonResponse(200, ids.map((id) => view(rc.world.orgs.get(id) as OrgRecord)), { route: rc.route });
}

function getOrg(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  const org = rc.world.liveOrg(id);
  // A deleted organization presumably 404s (UNVERIFIED in the reference).
  if (org === undefined) return notFound(rc, "Organization");
  return jsonResponse(200, orgDetailedView(org), { route: rc.route });
}

function createOrg(rc: RouteContext): SandboxResponse {
  const body = parseJsonBodyWith(rc.req, NewOrganization);
  if (!body.ok) return badRequest(rc, body.error);
  const input = body.value;
  const world = rc.world;
  let template: OrgRecord | undefined;
  const rawTemplate = rc.req.query.get("templateOrganizationId");
  if (rawTemplate !== null) {
    template = /^[0-9]+$/.test(rawTemplate) ? world.liveOrg(Number(rawTemplate)) : undefined;
    if (template === undefined) return badRequest(rc, `Template organization ${rawTemplate} not found`);
  }
  // Duplicate names are accepted: whether NinjaOne refuses them is UNVERIFIED, and clients
  // must de-duplicate themselves either way.
  const org: OrgRecord = {
    id: world.nextOrgId,
    name: input.name,
    description: input.description ?? "",
    nodeApprovalMode: input.nodeApprovalMode ?? template?.nodeApprovalMode ?? "AUTOMATIC",
    userData: input.userData ?? {},
    locations: (input.locations ?? []).map((l) => ({
      id: world.nextLocationId++,
      name: l.name,
      address: l.address ?? "",
      description: l.description ?? "",
      userData: l.userData ?? {},
    })),
    policies: input.policies ?? template?.policies.map((p) => ({ ...p })) ?? [],
    settings: template !== undefined ? (JSON.parse(JSON.stringify(template.settings)) as OrgRecord["settings"]) : {},
    deleted: false,
  };
  world.addOrg(org);
  return jsonResponse(200, orgDetailedView(org), { route: rc.route });
}

function patchOrg(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  const org = rc.world.liveOrg(id);
  if (org === undefined) return notFound(rc, "Organization");
  const body = parseJsonBodyWith(rc.req, OrganizationPatch);
  if (!body.ok) return badRequest(rc, body.error);
  const p = body.value;
  if (p.name !== undefined) org.name = p.name;
  if (p.description !== undefined) org.description = p.description;
  if (p.nodeApprovalMode !== undefined) org.nodeApprovalMode = p.nodeApprovalMode;
  if (p.userData !== undefined) org.userData = p.userData;
  return emptyResponse(204, { route: rc.route });
}

export const organizationRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/organizations", scope: "monitoring", handle: (rc) => listOrgs(rc, orgBriefView) },
  { method: "GET", template: "/v2/organizations-detailed", scope: "monitoring", handle: (rc) => listOrgs(rc, orgDetailedView) },
  { method: "POST", template: "/v2/organizations", scope: "management", handle: createOrg },
  { method: "GET", template: "/v2/organization/{id}", scope: "monitoring", handle: getOrg },
  { method: "PATCH", template: "/v2/organization/{id}", scope: "management", handle: patchOrg },
];
