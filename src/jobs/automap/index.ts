export { planAutomap } from "./plan.js";
export { DEFAULT_AUTOMAP_OPTIONS, resolveAutomapOptions } from "./options.js";
export { normalizeName, exactNameKey } from "./normalize-name.js";
export { classifySerial, canonicalSerial, unusableSerialReason, type SerialClass } from "./classify-serial.js";
export { hostnameKey } from "./hostname-key.js";
export { LEGAL_SUFFIXES } from "./legal-suffixes.js";
export { TARGET_LABEL } from "./wording.js";
export type * from "./types.js";
