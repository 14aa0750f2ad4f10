import { BridgeError } from "../../../errors.js";

/** Why an action failed as its result shows it: the error's message with what to do next. */
export function failureText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof BridgeError && error.hint !== undefined ? `; ${error.hint}` : "";
  return `${message}${hint}`;
}
