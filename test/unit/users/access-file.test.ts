import { describe, expect, it } from "vitest";
import { buildAccessFile, foreignInstance, parseAccessFile, serializeAccessFile, type AccessFile } from "../../../src/jobs/users/plan/access-file.js";
import { resolveAccess } from "../../../src/jobs/users/plan/resolve.js";
import { role, snapshot } from "./fixtures.js";

const INSTANCE = { url: "https://eu.ninjarmm.com", tenant: "00000000-0000-4000-8000-000000000001" };

function exported(): AccessFile {
  return buildAccessFile(snapshot(), INSTANCE);
}

describe("the access file", () => {
  it("is sorted by id whatever order NinjaOne lists things in, and parses back to itself", () => {
    const shuffled = snapshot({ roles: [role(3, "Portal", "END_USER", [10]), role(1, "Administrator", "TECHNICIAN", [1]), role(2, "Helpdesk", "TECHNICIAN", [2, 1])] });
    const file = buildAccessFile(shuffled, INSTANCE);
    expect(file.roles.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(file.roles[1]?.members.map((m) => m.id)).toEqual([1, 2]);
    const text = serializeAccessFile(file);
    expect(serializeAccessFile(buildAccessFile(snapshot({ roles: [role(1, "Administrator", "TECHNICIAN", [1]), role(2, "Helpdesk", "TECHNICIAN", [1, 2]), role(3, "Portal", "END_USER", [10])] }), INSTANCE))).toBe(text);
    expect(parseAccessFile(text)).toEqual({ ok: true, file });
  });

  it("names the first wrong field: JSON, a newer version, a missing key, a duplicate", () => {
    expect(parseAccessFile("{")).toMatchObject({ ok: false, field: "(document)" });
    expect(parseAccessFile(JSON.stringify({ ...exported(), version: 2 }))).toMatchObject({ ok: false, field: "version", problem: expect.stringContaining("upgrade") });
    const { instance: _dropped, ...noInstance } = exported();
    expect(parseAccessFile(JSON.stringify(noInstance))).toMatchObject({ ok: false, field: "instance" });
    const twice = exported();
    twice.roles.push({ ...(twice.roles[0] as AccessFile["roles"][number]) });
    expect(parseAccessFile(JSON.stringify(twice))).toMatchObject({ ok: false, field: "roles[3]", problem: expect.stringContaining("listed twice") });
    const member = exported();
    member.roles[0]?.members.push({ name: "nobody" });
    expect(parseAccessFile(JSON.stringify(member))).toMatchObject({ ok: false, problem: "a member needs an id or an email" });
    expect(parseAccessFile(JSON.stringify({ ...exported(), extra: 1 }))).toMatchObject({ ok: false });
  });

  it("belongs to one instance: another URL or another tenant on the same URL is foreign", () => {
    expect(foreignInstance(exported(), INSTANCE)).toBeUndefined();
    expect(foreignInstance(exported(), { ...INSTANCE, url: "https://app.ninjarmm.com" })).toContain("https://app.ninjarmm.com");
    expect(foreignInstance(exported(), { ...INSTANCE, tenant: "other" })).toContain("another NinjaOne tenant");
  });
});

describe("resolveAccess", () => {
  it("resolves members by e-mail and roles by name, and keeps an end user without id once it exists", () => {
    const file = exported();
    file.roles[1] = { name: "helpdesk", members: [{ email: "TECH1@msp.example" }] };
    file.endUsers.push({ email: "user11@contoso.example", firstName: "User", lastName: "11", organizationId: 1 });
    file.endUsers = file.endUsers.filter((u) => u.id !== 11);
    file.endUsers.push({ email: "new@contoso.example", firstName: "N", lastName: "U", organizationId: 2 });
    const resolved = resolveAccess(file, snapshot());
    expect(resolved).toEqual({
      ok: true,
      wanted: {
        roles: [{ roleId: 1, memberIds: [1] }, { roleId: 2, memberIds: [1] }, { roleId: 3, memberIds: [10] }],
        endUserIds: [10, 11],
        newEndUsers: [{ email: "new@contoso.example", firstName: "N", lastName: "U", organizationId: 2 }],
      },
    });
  });

  it("reports every name that does not resolve, together", () => {
    const file = exported();
    file.roles.push({ name: "Ghost", members: [] }, { id: 77, name: "Gone", members: [] });
    file.roles[0]?.members.push({ email: "nobody@example.com" }, { id: 10 });
    file.roles[1] = { id: 2, name: "Renamed", members: [{ id: 2, email: "wrong@msp.example" }] };
    file.endUsers.push({ id: 1, email: "tech1@msp.example", firstName: "T", lastName: "1", organizationId: 1 }, { id: 99, email: "x@y.z", firstName: "X", lastName: "Y", organizationId: 1 });
    const resolved = resolveAccess(file, snapshot());
    expect(resolved.ok).toBe(false);
    expect(resolved.ok ? [] : resolved.problems).toEqual([
      'role Administrator (1): "nobody@example.com" is not a NinjaOne user',
      "role Administrator (1) is for TECHNICIAN accounts, and User 10 <user10@contoso.example> (10) is END_USER",
      'role 2 is named "Helpdesk" in NinjaOne, the file says "Renamed"',
      "role Helpdesk (2): user 2 has e-mail tech2@msp.example in NinjaOne, the file says wrong@msp.example",
      'no NinjaOne role is named "Ghost"',
      'role 77 ("Gone") does not exist in NinjaOne',
      "Tech 1 <tech1@msp.example> (1) is a technician, not an end user",
      "end user 99 (x@y.z) does not exist in NinjaOne",
    ]);
  });
});
