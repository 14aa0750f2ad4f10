import type { SandboxResponse } from "../contract.js";
import { jsonResponse } from "../http-util.js";
import { parseDeviceFilter, type DeviceFilter } from "./device-filter.js";
import { pageAfter, readPageParams } from "./paging.js";
import { badRequest, notFound, pathId, type ApiRoute, type RouteContext } from "./routing.js";
import { deviceBaseView, deviceDetailedView } from "./views.js";
import type { DeviceRecord, NinjaWorld } from "./world.js";

/** Device endpoints (reference §4): `after`-paged lists with `df`, one device, per-org lists. */

/**
 * One page of devices matching the filter. When the filter names organizations the per-org
 * indexes are merged instead of scanning every device, so `df=org = N` costs O(page).
 */
function pageDevices(world: NinjaWorld, filter: DeviceFilter, after: number, pageSize: number): DeviceRecord[] {
  const matches = (id: number): boolean => filter.matches(world.devices.get(id) as DeviceRecord);
  let ids: number[];
  if (filter.orgIds !== undefined) {
    const perOrg = filter.orgIds.map((orgId) => pageAfter(world.devicesByOrg.get(orgId) ?? [], after, pageSize, matches));
    ids = perOrg.flat().sort((a, b) => a - b).slice(0, pageSize);
  } else {
    ids = pageAfter(world.deviceIds, after, pageSize, matches);
  }
  return ids.map((id) => world.devices.get(id) as DeviceRecord);
}

function listDevices(rc: RouteContext, view: (d: DeviceRecord) => Record<string, unknown>): SandboxResponse {
  const page = readPageParams(rc.req.query, rc.options.defaultPageSize, rc.options.maxPageSize);
  if (!page.ok) return badRequest(rc, page.error);
  const parsed = parseDeviceFilter(rc.req.query.get("df"));
  if (!parsed.ok) return badRequest(rc, parsed.error);
  const devices = pageDevices(rc.world, parsed.filter, page.after, page.pageSize);
  return jsonResponse(200, devices.map(view), { route: rc.route });
}

function listOrgDevices(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  if (rc.world.liveOrg(id) === undefined) return notFound(rc, "Organization");
  const page = readPageParams(rc.req.query, rc.options.defaultPageSize, rc.options.maxPageSize);
  if (!page.ok) return badRequest(rc, page.error);
  const ids = pageAfter(rc.world.devicesByOrg.get(id) ?? [], page.after, page.pageSize);
  return jsonResponse(200, ids.map((d) => deviceBaseView(rc.world.devices.get(d) as DeviceRecord)), { route: rc.route });
}

function getDevice(rc: RouteContext): SandboxResponse {
  const id = pathId(rc, "id");
  if (typeof id !== "number") return id;
  const device = rc.world.devices.get(id);
  if (device === undefined) return notFound(rc, "Device");
  return jsonResponse(200, deviceDetailedView(device), { route: rc.route });
}

export const deviceRoutes: ApiRoute[] = [
  { method: "GET", template: "/v2/devices", scope: "monitoring", handle: (rc) => listDevices(rc, deviceBaseView) },
  { method: "GET", template: "/v2/devices-detailed", scope: "monitoring", handle: (rc) => listDevices(rc, deviceDetailedView) },
  { method: "GET", template: "/v2/device/{id}", scope: "monitoring", handle: getDevice },
  { method: "GET", template: "/v2/organization/{id}/devices", scope: "monitoring", handle: listOrgDevices },
];
