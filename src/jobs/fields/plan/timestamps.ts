/** A moment read from Acronis, or why it could not be read. */
export type ParsedTimestamp = { ok: true; epochMs: number } | { ok: false; reason: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MS_PER_MINUTE = 60_000;

/**
 * Integer epoch milliseconds from the time formats Acronis uses (acronis-api §6): RFC 3339
 * with up to nanoseconds, naive `2020-08-04T12:47:03` (read as UTC, never as the local zone
 * of whoever runs the sync), and UNIX seconds as numbers. Digits past the millisecond are
 * dropped, because NinjaOne rejects fractional milliseconds.
 */
export function parseTimestamp(raw: string | number | Date): ParsedTimestamp {
  if (raw instanceof Date) {
    const ms = raw.getTime();
    return Number.isFinite(ms) ? { ok: true, epochMs: Math.floor(ms) } : { ok: false, reason: "an invalid date" };
  }
  if (typeof raw === "number") {
    if (!Number.isFinite(raw) || raw < 0) return { ok: false, reason: `${raw} is not a time in epoch seconds` };
    return { ok: true, epochMs: Math.round(raw * 1000) };
  }
  return parseIso(raw.trim());
}

function parseIso(text: string): ParsedTimestamp {
  const m = ISO.exec(text);
  if (m === null) return { ok: false, reason: `"${text}" is not an ISO 8601 time` };
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone = "Z"] = m;
  const year = Number(y);
  const month = Number(mo) - 1;
  const day = Number(d);
  const local = Date.UTC(year, month, day, Number(h), Number(mi), Number(s), Number(fraction.slice(0, 3).padEnd(3, "0")));
  const check = new Date(local);
  // Date.UTC rolls 2026-02-30 over into March; a calendar date that does not exist is refused.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month || check.getUTCDate() !== day || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { ok: false, reason: `"${text}" is not a valid date and time` };
  }
  return { ok: true, epochMs: local - zoneOffsetMinutes(zone) * MS_PER_MINUTE };
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0"));
}
