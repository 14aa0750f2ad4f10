import nock from "nock";
import { describe, expect, it } from "vitest";
import { writeCustomFieldValues } from "../../../../src/clients/ninjaone/custom-field-values.js";
import { RequestRejectedError } from "../../../../src/errors.js";
import { NINJA, client, useNock } from "../fixture.js";

useNock();

describe("writeCustomFieldValues", () => {
  it("PATCHes every field of one device in one request keyed by API name", async () => {
    nock(NINJA).patch("/v2/device/101/custom-fields", { backupStatus: "OK", summary: { html: "<p>x</p>" } }).reply(204);
    await writeCustomFieldValues(client("ninjaone", NINJA), "device", 101, { backupStatus: "OK", summary: { html: "<p>x</p>" } });
  });

  it("raises NinjaOne's refusal as a typed error", async () => {
    nock(NINJA).patch("/v2/organization/7/custom-fields").reply(400, { resultCode: "FAILURE", errorMessage: "INVALID_ATTRIBUTE_VALUE", incidentId: "WEB_MGMT_SERVICE-1" });
    await expect(writeCustomFieldValues(client("ninjaone", NINJA), "organization", 7, { lastSync: 1.5 })).rejects.toBeInstanceOf(RequestRejectedError);
  });
});
