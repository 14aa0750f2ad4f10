import { z } from "zod";
import type { HttpClient } from "../../http/index.js";
import { type CustomFieldDefinitionBody, customFieldDefinitionSchema } from "./schemas.js";

export type CustomFieldScope = "all" | "node" | "location" | "organization";

export interface CustomFieldOption {
  /** The uuid a DROPDOWN or MULTI_SELECT value is written as. */
  id: string;
  name: string;
  active: boolean;
}

/** A custom field definition, as `fields map` checks it (reference §5). */
export interface CustomFieldDefinition {
  /** The API name that values are read and written under. */
  name: string;
  /** Display only. */
  label: string;
  description: string | null;
  /** One of the AttributeType enum; kept open. */
  type: string;
  /** NODE, END_USER, LOCATION, ORGANIZATION. */
  scopes: string[];
  /** Global or role field (NODE_GLOBAL, NODE_ROLE, NODE_CLASS), when NinjaOne still says. */
  fieldScope: string | null;
  /** NONE, READ_ONLY, WRITE_ONLY or READ_WRITE: only the last two can be written. */
  apiPermission: string;
  technicianPermission: string | null;
  /** Whether scripts on devices can read it (NONE, READ_ONLY, WRITE_ONLY, READ_WRITE), when NinjaOne says. */
  scriptPermission?: string;
  active: boolean;
  system: boolean;
  options: CustomFieldOption[];
}

export interface ListCustomFieldsOptions {
  /** Which definitions to return; default all. */
  scopes?: readonly CustomFieldScope[];
}

const PATH = "/v2/device-custom-fields";
const listSchema = z.array(customFieldDefinitionSchema);

function toDefinition(body: CustomFieldDefinitionBody): CustomFieldDefinition {
  return {
    name: body.name,
    label: body.label ?? body.name,
    description: body.description ?? null,
    type: body.type,
    scopes: body.definitionScope ?? [],
    fieldScope: body.scope ?? null,
    apiPermission: body.apiPermission,
    technicianPermission: body.technicianPermission ?? null,
    ...(body.scriptPermission ? { scriptPermission: body.scriptPermission } : {}),
    // An absent flag means the definition is in use, as the UI lists it.
    active: body.active ?? true,
    system: body.system ?? false,
    options: (body.content?.values ?? []).map((v) => ({ id: v.id, name: v.name, active: v.active ?? true })),
  };
}

/** Custom field definitions of the chosen scopes; one unpaged request (reference §5). */
export async function* listCustomFieldDefinitions(http: HttpClient, options: ListCustomFieldsOptions = {}): AsyncGenerator<CustomFieldDefinition> {
  const scopes = options.scopes === undefined || options.scopes.length === 0 ? "all" : [...new Set(options.scopes)].join(",");
  const definitions = await http.request({ method: "GET", path: PATH, query: { scopes }, schema: listSchema });
  for (const body of definitions) yield toDefinition(body);
}

/** What `POST /v2/custom-fields` (createNodeAttribute) takes: note `fieldName` where a read says `name` (reference §5). */
export interface NewCustomField {
  label: string;
  fieldName: string;
  description: string;
  type: string;
  definitionScope: string[];
  apiPermission: string;
  technicianPermission: string;
  scriptPermission: string;
}

/**
 * Creates one custom field definition and returns it as NinjaOne answers. A POST is never
 * retried blindly: after a failure whose outcome is unknown, the caller reads the definitions again.
 */
export async function createCustomField(http: HttpClient, field: NewCustomField): Promise<CustomFieldDefinition> {
  return toDefinition(await http.request({ method: "POST", path: "/v2/custom-fields", json: field, schema: customFieldDefinitionSchema }));
}
