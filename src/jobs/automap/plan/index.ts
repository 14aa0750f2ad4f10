export { planAutomap } from "./plan-service.js";
export { DEFAULT_AUTOMAP_OPTIONS, resolveAutomapOptions } from "./options.js";
export { TARGET_LABEL } from "./wording.js";
export type * from "./types.js";
