import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { emptyResponse, jsonResponse, matchPath, parseJsonBody, parsePositiveInt } from "../http-util.js";
import { handleDeviceControl } from "./device-control.js";
import { handleDocumentsControl } from "./documents-control.js";
import { NinjaOneOptionsSchema, type NinjaOneOptions } from "./options.js";
import { recordSave } from "./ticketing.js";
import { findStatus, ticketView } from "./ticket-records.js";
import { roleView, setRoleMembers } from "./users.js";
import { orgDetailedView } from "./views.js";
import type { NinjaWorld } from "./world.js";

/**
 * Control routes under /control/ninjaone: what a person does in the NinjaOne UI (delete an
 * organization, rename, move or delete a device, resolve a ticket, change a role's members) and what tests need to see (tickets, written field values,
 * every organization including deleted ones), plus the service's options.
 */

function error(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { error: message });
}

export function handleControl(
  req: SandboxRequest,
  world: NinjaWorld,
  now: () => number,
  options: { get(): NinjaOneOptions; set(next: NinjaOneOptions): void },
): SandboxResponse | undefined {
  const path = req.path.replace(/\/+$/, "");
  const method = req.method.toUpperCase();

  const orgMatch = matchPath("/organizations/{id}", path);
  if (orgMatch !== undefined && method === "DELETE") {
    const id = parsePositiveInt(orgMatch.id);
    if (id === undefined || !world.deleteOrg(id)) return error(404, `no organization ${orgMatch.id}`);
    return emptyResponse(204);
  }
  const devicesMatch = matchPath("/organizations/{id}/devices", path);
  if (devicesMatch !== undefined && method === "DELETE") {
    const id = parsePositiveInt(devicesMatch.id);
    if (id === undefined || !world.deleteDevicesOf(id)) return error(404, `no organization ${devicesMatch.id}`);
    return emptyResponse(204);
  }
  const device = handleDeviceControl(req, path, world, now() / 1000);
  if (device !== undefined) return device;
  const documents = handleDocumentsControl(req, path, world, now());
  if (documents !== undefined) return documents;
  if (path === "/organizations" && method === "GET") {
    const orgs = [...world.orgs.values()].sort((a, b) => a.id - b.id);
    return jsonResponse(
      200,
      orgs.map((org) => ({ ...orgDetailedView(org), deleted: org.deleted, deviceCount: world.devicesByOrg.get(org.id)?.length ?? 0 })),
    );
  }
  if (path === "/tickets" && method === "GET") {
    return jsonResponse(200, [...world.tickets.values()].map((t) => ({ ...ticketView(t), lastUpdated: t.lastUpdated })));
  }
  const statusMatch = matchPath("/tickets/{id}/status", path);
  if (statusMatch !== undefined && method === "POST") {
    const ticket = world.tickets.get(parsePositiveInt(statusMatch.id) ?? 0);
    if (ticket === undefined) return error(404, `no ticket ${statusMatch.id}`);
    const body = parseJsonBody(req);
    const wanted = body.ok ? (body.value as { status?: unknown } | null)?.status : undefined;
    const status = typeof wanted === "string" || typeof wanted === "number" ? findStatus(wanted) : undefined;
    if (status === undefined) return error(400, 'body must be {"status": <status id or name, e.g. "RESOLVED">}');
    const before = ticket.status.statusId;
    ticket.status = { ...status };
    recordSave(world, ticket, before, now() / 1000, {});
    return jsonResponse(200, ticketView(ticket));
  }
  const attributesMatch = matchPath("/tickets/{id}/attributes", path);
  if (attributesMatch !== undefined && method === "POST") {
    const ticket = world.tickets.get(parsePositiveInt(attributesMatch.id) ?? 0);
    if (ticket === undefined) return error(404, `no ticket ${attributesMatch.id}`);
    const body = parseJsonBody(req);
    const list = body.ok ? (body.value as { attributes?: unknown } | null)?.attributes : undefined;
    const valid = Array.isArray(list) && list.every((a) => typeof (a as { attributeId?: unknown })?.attributeId === "number" && "value" in (a as object));
    if (!valid) return error(400, 'body must be {"attributes": [{"attributeId": <id>, "value": <any JSON>}]}');
    for (const { attributeId, value } of list as { attributeId: number; value: unknown }[]) {
      const found = ticket.attributeValues.find((a) => a.attributeId === attributeId);
      if (found !== undefined) found.value = value;
      else ticket.attributeValues.push({ id: world.nextAttributeValueId++, attributeId, value });
    }
    recordSave(world, ticket, ticket.status.statusId, now() / 1000, {});
    return jsonResponse(200, ticketView(ticket));
  }
  const membersMatch = matchPath("/roles/{id}/members", path);
  if (membersMatch !== undefined && method === "POST") {
    const body = parseJsonBody(req);
    const change = body.ok ? (body.value as { add?: unknown; remove?: unknown } | null) : null;
    const ids = (list: unknown) => list === undefined || (Array.isArray(list) && list.every((id) => Number.isInteger(id)));
    if (change === null || typeof change !== "object" || !ids(change.add) || !ids(change.remove)) return error(400, 'body must be {"add": [<user id>…], "remove": [<user id>…]}');
    const role = setRoleMembers(world, parsePositiveInt(membersMatch.id) ?? 0, change as { add?: number[]; remove?: number[] });
    if (typeof role === "string") return error(404, role);
    return jsonResponse(200, roleView(world, role));
  }
  if (path === "/field-values" && method === "GET") {
    const values: Record<string, Record<string, unknown>> = {};
    for (const [key, map] of world.fieldValues) if (map.size > 0) values[key] = Object.fromEntries(map);
    return jsonResponse(200, { writes: world.fieldWrites, values });
  }
  if (path === "/options" && method === "GET") return jsonResponse(200, options.get());
  if (path === "/options" && method === "PATCH") {
    const body = parseJsonBody(req);
    if (!body.ok) return error(400, body.error);
    const merged = NinjaOneOptionsSchema.safeParse({ ...options.get(), ...(body.value as object) });
    if (!merged.success) return error(400, merged.error.issues[0]?.message ?? "invalid options");
    options.set(merged.data);
    return jsonResponse(200, merged.data);
  }
  return undefined;
}
