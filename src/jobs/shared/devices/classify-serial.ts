/**
 * Whether a serial number can identify one machine. Firmware left unprogrammed reports
 * placeholders ("To Be Filled By O.E.M.", "Default string"); hypervisors report serials that
 * follow the VM, not the hardware, and survive cloning. Both are kept out of matching, and
 * told apart so the report can say which is which.
 */
export type SerialClass =
  | { kind: "usable"; serial: string }
  | { kind: "empty" }
  | { kind: "junk"; reason: string }
  | { kind: "virtual"; reason: string };

/**
 * Placeholders compared on letters and digits only, upper-cased, so spacing and punctuation
 * variants ("To be filled by O.E.M", "N/A", "Not specified") are caught by one entry.
 * The first seven are the list CIPP's automap uses; the rest are common BIOS defaults.
 */
const PLACEHOLDERS: ReadonlySet<string> = new Set(
  [
    "0", "SystemSerialNumber", "To Be Filled By O.E.M.", "System Serial Number", "0123456789", "123456789",
    "............",
    "Default string", "Not Specified", "None", "N/A", "Not Applicable", "Not Available", "Invalid",
    "Unknown", "Null", "Serial Number", "Chassis Serial Number", "Base Board Serial Number",
    "Type1ProductConfigId", "O.E.M.", "OEM", "To Be Filled", "Empty", "No Serial", "1234567890",
    "12345678", "1234567", "123456", "01234567890", "BSN12345678901234567", "Standard", "Default",
    "System Product Name", "System Manufacturer", "Chassis Manufacture",
  ].map(placeholderKey),
);

const VIRTUAL_SHAPES: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /^vmware/i, reason: "VMware virtual machine serial" },
  { pattern: /^parallels/i, reason: "Parallels virtual machine serial" },
  { pattern: /^virtualbox/i, reason: "VirtualBox virtual machine serial" },
  { pattern: /^googlecloud/i, reason: "Google Cloud virtual machine serial" },
  { pattern: /^ec2[0-9a-f]{5}-/i, reason: "Amazon EC2 virtual machine serial" },
  { pattern: /^qemu/i, reason: "QEMU virtual machine serial" },
  { pattern: /^xen/i, reason: "Xen virtual machine serial" },
  // Hyper-V (and so Azure) VMs report 28 digits in groups of four with a final pair.
  { pattern: /^\d{4}-\d{4}-\d{4}-\d{4}-\d{4}-\d{4}-\d{2}$/, reason: "Hyper-V virtual machine serial" },
];

/** Shorter than this, a serial is a stub rather than a manufacturer's number. */
const MIN_SERIAL_LENGTH = 4;

export function classifySerial(raw: string | null | undefined): SerialClass {
  const trimmed = (raw ?? "").trim();
  if (trimmed === "") return { kind: "empty" };
  for (const shape of VIRTUAL_SHAPES) {
    if (shape.pattern.test(trimmed)) return { kind: "virtual", reason: shape.reason };
  }
  const key = placeholderKey(trimmed);
  if (PLACEHOLDERS.has(key)) return { kind: "junk", reason: "a firmware placeholder, not a serial" };
  if (key === "") return { kind: "junk", reason: "no letters or digits" };
  if (/^(.)\1*$/u.test(key)) return { kind: "junk", reason: "one character repeated" };
  const serial = canonicalSerial(trimmed);
  if (serial.length < MIN_SERIAL_LENGTH) return { kind: "junk", reason: `shorter than ${MIN_SERIAL_LENGTH} characters` };
  return { kind: "usable", serial };
}

/** The form serials are compared in: no whitespace, upper case (vendors differ on both). */
export function canonicalSerial(raw: string): string {
  return raw.replace(/\s+/gu, "").toUpperCase();
}

function placeholderKey(value: string): string {
  return value.normalize("NFKC").toUpperCase().replace(/[^\p{L}\p{N}]/gu, "");
}

/** Why a serial that is not usable cannot match, as a report says it. */
export function unusableSerialReason(serial: Exclude<SerialClass, { kind: "usable" }>): string {
  return serial.kind === "empty" ? "no serial number" : `serial not usable (${serial.reason})`;
}
