import type { Command } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

export function registerUsersCommands(program: Command, context: ContextFactory): void {
  const users = program.command("users").description("NinjaOne technicians and end users, and who holds which role, kept as code and changed through plans or approved tickets");

  users
    .command("list")
    .description("technicians and end users with organization, roles, enabled and MFA state where NinjaOne gives them")
    .option("--type <type>", "only technician or end-user accounts")
    .option("--org <org>", "only end users of this organization (id or exact name)")
    .option("--role <role>", "only holders of this role (id or name)")
    .option("--csv [table]", "print accounts (default) or entitlements as CSV")
    .addHelpText("after", "\n--json prints {accounts, entitlements}: one row per account, one per account and role, as an IGA import reads them.")
    .action(lazyAction(context, () => import("./list.js")));

  users
    .command("export")
    .description("write who holds which role, and every end user, as a sorted, id-stable access file (stdout unless --file)")
    .option("--file <file>", "write to this file")
    .action(lazyAction(context, () => import("./export.js")));

  users
    .command("check")
    .description("for CI: does NinjaOne match the access file? every difference is named")
    .requiredOption("--file <file>", "the access file")
    .addHelpText("after", "\nExit codes: 0 the instance matches, 4 it differs, 2 the file is invalid, of another instance, or names what does not exist.")
    .action(lazyAction(context, () => import("./check.js")));

  users
    .command("apply")
    .description("make role memberships and end users match an access file, or apply the request an approved ticket carries")
    .option("--file <file>", "the access file")
    .option("--ticket <id>", "a ticket `users request` opened, once its status is users.approvalStatus")
    .option("--max-remove <n>", "most role removals and end-user deletions one run may make (default 5)")
    .addHelpText(
      "after",
      "\nAsks first on a terminal, or needs --yes. --dry-run shows the plan only. The token's own account (users.tokenAccount)\nis never changed, and the administrator role (users.adminRole) keeps its last enabled technician.\nWith --ticket: refused when the ticket is not ours, not approved (exit 1), closed without approval (exit 4),\nor when NinjaOne changed since the request (exit 4); the result is commented on the ticket.",
    )
    .action(lazyAction(context, () => import("./apply.js")));

  users
    .command("request")
    .description("open a NinjaOne ticket asking a person to approve the changes an access file would make")
    .option("--file <file>", "the access file")
    .option("--wait", "wait for the ticket's approval")
    .option("--adopt <ticket>", "record the ticket a stopped run opened (its tags carry the pending request's marker)")
    .option("--forget-pending", "drop a pending request no ticket carries, so a new one can be opened")
    .option("--timeout <duration>", "how long --wait waits (default 30m, never past --deadline)")
    .addHelpText("after", "\nSettings: users.approvalStatus, users.requestOrganization, users.requestForm.\nWith --wait, exit 0 approved, 4 closed without approval, 124 still waiting at --timeout.")
    .action(lazyAction(context, () => import("./request.js")));
}
