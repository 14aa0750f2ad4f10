import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/html-escape.js";
import { deviceLinksHtml, deviceSummaryHtml, tenantLinksHtml, tenantSummaryHtml, userSummaryHtml } from "../../../src/jobs/fields/plan/index.js";
import { safeUrl } from "../../../src/jobs/shared/html.js";
import { hostile, intuneDevice, user } from "./tenant.js";

/** The only tags the builders emit; anything else came from tenant data. */
const OWN_TAG = /^<\/?(h3|p|ul|li|table|thead|tbody|tr|th|td|a)>$|^<a href="https?:[^"<>]*" target="_blank" rel="noopener noreferrer">$/;

function expectNoInjectedMarkup(html: string): void {
  for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag).toMatch(OWN_TAG);
  // Between tags, no character is left that could open a tag or end a quoted attribute.
  expect(html.replace(/<[^>]*>/g, "")).not.toMatch(/[<>"']/);
}

describe("escapeHtml", () => {
  it("escapes the five characters that can end text or a quoted attribute", () => {
    expect(escapeHtml(`<script>"it's" & more</script>`)).toBe("&lt;script&gt;&quot;it&#39;s&quot; &amp; more&lt;/script&gt;");
  });
});

describe("safeUrl", () => {
  it("keeps http and https addresses", () => {
    expect(safeUrl("https://cipp.example.com/path?q=1")).toBe("https://cipp.example.com/path?q=1");
    expect(safeUrl("http://cipp.local")).toBe("http://cipp.local/");
  });

  it.each(["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "//evil.example", "/relative", "not a url"])("refuses %s", (raw) => {
    expect(safeUrl(raw)).toBeUndefined();
  });
});

describe("summaries built from hostile tenant data", () => {
  it("escapes a <script> tenant name and quote-laden domain in tenant links", () => {
    const html = tenantLinksHtml(hostile, { cippUrl: "https://cipp.example.com" });
    expectNoInjectedMarkup(html);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons&#39; &quot;Ltd&quot;");
  });

  it("drops a javascript: CIPP address instead of linking to it", () => {
    const html = tenantLinksHtml(hostile, { cippUrl: "javascript:alert(1)" });
    expectNoInjectedMarkup(html);
    expect(html).not.toContain("in CIPP");
  });

  it("escapes users named <script> and with quotes in the user summary", () => {
    const users = [user(`<script>steal()</script>`), user(`O'Brien "Bob" & Co`, [`<img src=x onerror=alert(1)>`])];
    const html = userSummaryHtml({ tenant: hostile, users, limit: 1, cippUrl: "https://cipp.example.com" });
    expectNoInjectedMarkup(html);
    expect(html).toContain("&lt;script&gt;steal()&lt;/script&gt;");
  });

  it("escapes tenant, user, licence and device data in the tenant summary", () => {
    const html = tenantSummaryHtml({
      tenant: hostile,
      users: [user("<script>x</script>", [], { userType: "Guest" })],
      devices: [intuneDevice({ operatingSystem: "<svg onload=alert(1)>" })],
      licenses: [{ name: `"><script>x</script>`, used: 1, total: 2 }],
    });
    expectNoInjectedMarkup(html);
  });

  it("escapes device data in the device summary and device links", () => {
    const device = intuneDevice({ deviceName: `<script>pc</script>`, userPrincipalName: `"><img src=x onerror=1>`, id: `"><script>` });
    expectNoInjectedMarkup(deviceSummaryHtml({ device, complianceReasons: ["<b>BitLocker</b>"] }));
    expectNoInjectedMarkup(deviceLinksHtml(hostile, device, { cippUrl: "https://cipp.example.com" }));
  });
});
