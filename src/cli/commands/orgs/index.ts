import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerOrgsCommands(program: Command, context: ContextFactory): void {
  const orgs = program.command("orgs").description("NinjaOne organizations and their links to Acronis and Microsoft 365 tenants");

  orgs
    .command("list")
    .description("every NinjaOne organization with its links, device count and what needs attention")
    .option("--unmapped", "only organizations missing a link to a configured service")
    .action(lazyAction(context, () => import("./list.js")));

  const map = orgs
    .command("map")
    .description("link an organization (id or exact name) to an Acronis tenant or a Microsoft 365 tenant")
    .argument("[org]", "NinjaOne organization id or exact name (case-insensitive)")
    .option("--acronis [tenant]", "Acronis customer tenant id or exact name")
    .option("--cipp [tenant]", "Microsoft 365 tenant id, exact name or default domain (through CIPP)")
    .option("--force", "take the tenant from the organization that holds it")
    .option("-i, --interactive", "pick organizations and tenants from searchable lists (terminal only)")
    .addHelpText(
      "after",
      "\nA tenant mapped to another organization is refused unless --force, which says what it unlinks.\n--dry-run shows the plan only. 'orgs map export|import|check' keep the mappings in a file.",
    )
    .action(lazyAction(context, () => import("./map.js")));

  map
    .command("export")
    .description("write every mapping as a sorted, stable JSON document (stdout unless --file)")
    .option("--file <file>", "write to this file")
    .action(lazyAction(context, () => import("./map-export.js")));

  map
    .command("import")
    .description("make the recorded mappings equal a mapping file: shows the diff, then applies it")
    .argument("<file>", "a file written by 'orgs map export'")
    .option("--max-remove <n>", "most links the import may remove or move (default 10)")
    .addHelpText("after", "\nRemoving or moving links asks first on a terminal, or needs --yes. --dry-run shows the diff only.")
    .action(lazyAction(context, () => import("./map-import.js")));

  map
    .command("check")
    .description("for CI: mapped ids still exist, no tenant mapped twice, names unchanged, file equals state")
    .option("--file <file>", "also check that this mapping file equals the recorded mappings")
    .addHelpText("after", "\nExit codes: 0 clean, 4 drift found, 1 or 2 the check could not run.")
    .action(lazyAction(context, () => import("./map-check.js")));

  orgs
    .command("exclude")
    .description("leave an organization out of some jobs (kept in the state file and the mapping file)")
    .argument("<org>", "NinjaOne organization id or exact name")
    .option("--jobs <jobs>", "comma-separated: fields, tickets, docs, agents, provision, deprovision")
    .addHelpText("after", "\nAn excluded organization keeps its links; each job named leaves it alone and says so in its report.\n'orgs include' undoes it; 'orgs list' shows it.")
    .action(lazyAction(context, () => import("./exclude.js")));

  orgs
    .command("include")
    .description("undo 'orgs exclude': the jobs named (default: all) handle the organization again")
    .argument("<org>", "excluded organization id or exact name")
    .option("--jobs <jobs>", "comma-separated jobs to include it in again (default: every job)")
    .action(lazyAction(context, async () => ({ run: (await import("./exclude.js")).include })));

  orgs
    .command("unmap")
    .description("remove an organization's links (neither flag: both)")
    .argument("<org>", "NinjaOne organization id or exact name")
    .option("--acronis", "remove the Acronis link")
    .option("--cipp", "remove the Microsoft 365 link")
    .addHelpText("after", "\nRemoving more than one link asks first on a terminal, or needs --yes. --dry-run shows the plan only.")
    .action(lazyAction(context, () => import("./unmap.js")));
}
