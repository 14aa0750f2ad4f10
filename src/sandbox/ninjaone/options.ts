import { z } from "zod";

/**
 * Behaviours the reference marks UNVERIFIED. Each defaults to the stricter reading, so a
 * client that copes with the sandbox copes with the real API; each can be relaxed at run time
 * through `PATCH /control/ninjaone/options`.
 */
export const NinjaOneOptionsSchema = z
  .object({
    /**
     * Reference §2: "NinjaOne may return a *new* refresh token on refresh — store it if it
     * changes … UNVERIFIED whether old refresh tokens are invalidated." `immediate`: the old
     * refresh token dies as soon as a new one is issued; `on-use`: it keeps working until the
     * new one is first used.
     */
    refreshTokenRotation: z.enum(["immediate", "on-use"]),
    /**
     * Reference §2: "Community reports say some ticket writes also need user context
     * (UNVERIFIED)". When true, ticket creates, updates and comments with a
     * client-credentials token answer 403 `user_context_required`.
     */
    ticketWritesNeedUserContext: z.boolean(),
    /** Reference §2: "Omitting `scope` reportedly yields all app scopes (UNVERIFIED)". Strict: required. */
    tokenScopeRequired: z.boolean(),
    /**
     * Reference §4: "Max pageSize is undocumented"; larger requests are clamped to this. The
     * default 1000 is the least the reference supports: every known client pages with 1000 and
     * stops on a shorter page, so NinjaOne must fill pages of 1000; nothing shows it fills more
     * (homotechsual asks 2000, but would not notice a clamp).
     */
    maxPageSize: z.number().int().min(1),
    /** Reference §4: "the default when `pageSize` is omitted is undocumented — always send it." */
    defaultPageSize: z.number().int().min(1),
    /**
     * Reference §6: create does not require `requesterUid` and nothing says who the requester
     * becomes without one. When true, a ticket created with a user token and no requester gets
     * the signed-in technician; when false it has none.
     */
    requesterFromToken: z.boolean(),
    /**
     * Reference §6/§11: what a board run's `searchCriteria` matches is undocumented. `none`
     * matches nothing; `subject` matches subjects; `subject-tags-attributes` also tags and
     * attribute values.
     */
    boardSearch: z.enum(["none", "subject", "subject-tags-attributes"]),
    /**
     * Board rows are flat columns: organization and location names, a status object,
     * `attributeValues`, no `clientId`/`nodeId`. When true, rows also carry those two ids.
     */
    boardRowIds: z.boolean(),
    /** Documentation (Apps & Services documents) switched on for the instance; `docs` needs it. */
    documentation: z.boolean(),
    /**
     * What the Documentation routes answer while it is off: neither the spec nor the reference
     * says, and no public report was found (searched GitHub issues and pages, 2026-12;
     * homotechsual/NinjaOne#16 only shows documents answering 500 for a server-side fault).
     * `silent`, the least kind: lists answer `[]` and every write 400 FAILURE without saying why;
     * `explained`: every route answers 403 with an errorMessage naming Documentation.
     */
    documentationOffAnswer: z.enum(["silent", "explained"]),
    /**
     * The spec's add-members / remove-members say only "Several possible validation errors".
     * `refused`, the least kind: adding a member already in the role, or removing one who is
     * not, refuses the whole change with 400; `ignored`: those ids are passed over.
     */
    roleMembershipNoOps: z.enum(["refused", "ignored"]),
    /**
     * Reference §5: sending `""` or `null` "did not clear a text field and returned no error"
     * (homotechsual/NinjaOne#29, 2024; closed with no fix reported; UNVERIFIED today, and no
     * public source shows a value being cleared through the API). False, the least kind: both
     * are ignored silently; true: `null` removes the value (`""` is still ignored).
     */
    clearWithNull: z.boolean(),
  })
  .strict();

export type NinjaOneOptions = z.infer<typeof NinjaOneOptionsSchema>;

export const DEFAULT_NINJAONE_OPTIONS: NinjaOneOptions = {
  refreshTokenRotation: "immediate",
  ticketWritesNeedUserContext: true,
  tokenScopeRequired: true,
  maxPageSize: 1000,
  defaultPageSize: 50,
  requesterFromToken: false,
  boardSearch: "none",
  boardRowIds: false,
  documentation: true,
  documentationOffAnswer: "silent",
  roleMembershipNoOps: "refused",
  clearWithNull: false,
};
