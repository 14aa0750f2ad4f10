import type { NinjaTicketForm } from "../../../clients/ninjaone/tickets.js";

/**
 * Why a form cannot take ninja-bridge's tickets, or undefined when it can. NinjaOne refuses a
 * ticket without a form's required attributes, and an alert has no value for them.
 */
export function formProblem(forms: readonly NinjaTicketForm[], formId: number | undefined): string | undefined {
  if (formId === undefined) return "no ticket form is set and NinjaOne marks none as default";
  const form = forms.find((f) => f.id === formId);
  if (form === undefined) return `ticket form ${formId} does not exist in NinjaOne (forms: ${forms.map((f) => `${f.name} (${f.id})`).join(", ") || "none"})`;
  if (!form.active) return `ticket form "${form.name}" (${form.id}) is not active`;
  if (form.requiredFields.length > 0) {
    return `ticket form "${form.name}" (${form.id}) has required fields (${form.requiredFields.join(", ")}), which tickets raised from alerts cannot fill`;
  }
  return undefined;
}

/** Forms that can take ninja-bridge's tickets, for a choice or a hint. */
export function usableForms(forms: readonly NinjaTicketForm[]): NinjaTicketForm[] {
  return forms.filter((f) => formProblem(forms, f.id) === undefined);
}
