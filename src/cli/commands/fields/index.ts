import { type Command, Option } from "commander";
import { FIELD_SOURCES } from "../../../jobs/fields/plan/sources.js";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerFieldsCommands(program: Command, context: ContextFactory): void {
  const fields = program.command("fields").description("map Acronis statuses and Microsoft 365 summaries to NinjaOne custom fields, and write them");

  fields
    .command("list")
    .description("NinjaOne custom fields with type, scope, API permission and the source mapped to each")
    .addOption(new Option("--scope <scope>", "only fields of this scope").choices(["device", "organization"]))
    .action(lazyAction(context, () => import("./list.js")));

  const map = fields
    .command("map")
    .description("map a source to a NinjaOne custom field; refused, with the reason and the fix, when the field does not fit")
    .argument("[source]", "a source id from the list below, e.g. acronis.last-backup")
    .argument("[field]", "the field's API name or label")
    .option("--interactive", "choose the source and field from lists of what fits")
    .option("--licensed-only", "with cipp.user-summary: list licensed users only")
    .option("--unused-exclude <licence...>", "with cipp.tenant-summary: leave these licences (names or SKU ids) out of the unused count")
    .option("--roles <role...>", "for a role field: the device roles (names or ids) that have it; it is written to their devices only")
    .addHelpText("after", () => `\nSources:\n${sourceHelp()}`)
    .action(lazyAction(context, () => import("./map.js")));
  map
    .command("check")
    .description("exit 4 when a mapped field was deleted, retyped, rescoped or lost API write permission (for CI)")
    .action(lazyAction(context, () => import("./map-check.js")));

  fields
    .command("create")
    .alias("bootstrap")
    .description("create the NinjaOne custom fields the sources need (type, scope, API Read/Write, technician Read Only); existing fields are left alone")
    .addOption(new Option("--source <service>", "whose fields to create").choices(["acronis", "cipp", "all"]).default("all"))
    .option("--map", "map each created field to its source (and the Entra device id field for `devices`)")
    .addHelpText("after", "\nShows the plan first; --dry-run stops there, --yes creates without asking.")
    .action(lazyAction(context, () => import("./create.js")));

  fields
    .command("unmap")
    .description("stop writing a source")
    .argument("<source>", "the source id")
    .action(lazyAction(context, () => import("./unmap.js")));

  fields
    .command("sync")
    .description("write the mapped values into NinjaOne, only where they changed")
    .addOption(new Option("--source <service>", "which sources to write").choices(["acronis", "cipp", "all"]).default("all"))
    .option("--org <org...>", "only these organizations (ids or names)")
    .option("--full", "rewrite every mapped field, changed or not")
    .option("--forget-after <days>", "drop a deleted device's link and cached values this many days after it was marked gone", "30")
    .addHelpText("after", "\n--dry-run prints the plan and writes nothing. Exit 3 when some writes failed: what landed is\nrecorded, and the failed ones are written by the next run.")
    .action(lazyAction(context, () => import("./sync.js")));
}

/** The catalogue module is plain data, cheap enough to load for `--help`. */
function sourceHelp(): string {
  const width = Math.max(...FIELD_SOURCES.map((s) => s.id.length));
  return FIELD_SOURCES.map((s) => `  ${s.id.padEnd(width)}  ${s.scope}, ${s.acceptedTypes.join(" or ")}: ${s.label}`).join("\n");
}
