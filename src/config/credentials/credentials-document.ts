import { z } from "zod";
import { PROFILE_NAME } from "../paths.js";
import { CREDENTIAL_SERVICES, SECRET_KEY, type SecretAddress } from "./names.js";
import type { ServiceName } from "../../services.js";

/** The credentials file: profile → service → secret name → value. */
export const credentialsDocumentSchema = z
  .object({
    version: z.literal(1),
    profiles: z.record(
      z.string().regex(PROFILE_NAME),
      z.partialRecord(z.enum(CREDENTIAL_SERVICES), z.record(z.string().regex(SECRET_KEY), z.string().min(1))),
    ),
  })
  .strict();

export type CredentialsDocument = z.infer<typeof credentialsDocumentSchema>;

export function emptyDocument(): CredentialsDocument {
  return { version: 1, profiles: {} };
}

export function secretIn(doc: CredentialsDocument, a: SecretAddress): string | undefined {
  return doc.profiles[a.profile]?.[a.service]?.[a.key];
}

/** A copy of `doc` holding `value` at `a`. */
export function withSecret(doc: CredentialsDocument, a: SecretAddress, value: string): CredentialsDocument {
  const profile = doc.profiles[a.profile] ?? {};
  return {
    ...doc,
    profiles: { ...doc.profiles, [a.profile]: { ...profile, [a.service]: { ...profile[a.service], [a.key]: value } } },
  };
}

/** A copy of `doc` without the secret at `a`, dropping a service or profile left empty. */
export function withoutSecret(doc: CredentialsDocument, a: SecretAddress): CredentialsDocument {
  const profiles = structuredClone(doc.profiles);
  const profile = profiles[a.profile];
  const service = profile?.[a.service];
  if (!profile || !service) return doc;
  delete service[a.key];
  if (Object.keys(service).length === 0) delete profile[a.service];
  if (Object.keys(profile).length === 0) delete profiles[a.profile];
  return { ...doc, profiles };
}

/** Every (service, key) the document holds for a profile. */
export function addressesIn(doc: CredentialsDocument, profile: string): SecretAddress[] {
  const entries = Object.entries(doc.profiles[profile] ?? {}) as Array<[ServiceName, Record<string, string>]>;
  return entries.flatMap(([service, keys]) => Object.keys(keys).map((key) => ({ profile, service, key })));
}
