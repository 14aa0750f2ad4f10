import { describe, expect, it } from "vitest";
import type { NinjaTicketForm } from "../../../src/clients/ninjaone/tickets.js";
import { formProblem, usableForms } from "../../../src/jobs/tickets/plan/form-check.js";

function form(id: number, overrides: Partial<NinjaTicketForm> = {}): NinjaTicketForm {
  return { id, name: `Form ${id}`, active: true, isDefault: false, requiredFields: [], ...overrides };
}

const FORMS = [
  form(1, { name: "Default", isDefault: true }),
  form(2, { name: "Onboarding", requiredFields: ["Start date", "Manager"] }),
  form(3, { name: "Retired", active: false }),
  form(4, { name: "Alerts" }),
];

describe("formProblem", () => {
  it("accepts an active form without required fields", () => {
    expect(formProblem(FORMS, 4)).toBeUndefined();
    expect(formProblem(FORMS, 1)).toBeUndefined();
  });

  it("refuses a form with required fields, naming them, since an alert has no value for them", () => {
    const problem = formProblem(FORMS, 2);
    expect(problem).toContain('"Onboarding" (2)');
    expect(problem).toContain("required fields (Start date, Manager)");
  });

  it("refuses an inactive form", () => {
    expect(formProblem(FORMS, 3)).toBe('ticket form "Retired" (3) is not active');
  });

  it("refuses a form id NinjaOne does not have, listing the forms it has", () => {
    expect(formProblem(FORMS, 9)).toBe("ticket form 9 does not exist in NinjaOne (forms: Default (1), Onboarding (2), Retired (3), Alerts (4))");
    expect(formProblem([], 9)).toBe("ticket form 9 does not exist in NinjaOne (forms: none)");
  });

  it("refuses when no form is set and NinjaOne marks none as default", () => {
    expect(formProblem(FORMS, undefined)).toContain("no ticket form is set");
  });
});

describe("usableForms", () => {
  it("offers only the active forms without required fields", () => {
    expect(usableForms(FORMS).map((f) => f.id)).toEqual([1, 4]);
  });
});
