import type { Prng } from "../prng.js";

function word(prng: Prng): string {
  return Math.floor(prng.next() * 0x100000000)
    .toString(16)
    .padStart(8, "0");
}

/** A version-4-shaped UUID drawn from the seeded PRNG, so seeded estates keep their ids. */
export function seededUuid(prng: Prng): string {
  const hex = word(prng) + word(prng) + word(prng) + word(prng);
  const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
