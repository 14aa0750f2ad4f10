import { Command, CommanderError, Option } from "commander";
import { ExitCode } from "../errors.js";
import { packageVersion } from "../version.js";
import { registerAuthCommands } from "./commands/auth.js";
import { registerAutomapCommand } from "./commands/automap.js";
import { registerCompletionCommand } from "./commands/completion.js";
import { registerConfigCommands } from "./commands/config.js";
import { registerFieldsCommands } from "./commands/fields.js";
import { registerOrgsCommands } from "./commands/orgs.js";
import { registerProvisionCommands } from "./commands/provision.js";
import { registerSandboxCommands } from "./commands/sandbox.js";
import { registerStateCommands } from "./commands/state.js";
import { registerSyncCommand } from "./commands/sync.js";
import { registerTicketsCommands } from "./commands/tickets.js";
import { Context, type GlobalOptions } from "./context.js";
import { Output, processStreams, type IOStreams } from "./io.js";
import { renderError } from "./render-error.js";
import { installSignalHandlers } from "./shutdown.js";

const EXAMPLES = `
Examples:
  $ ninja-bridge config set ninjaone.instance eu
  $ ninja-bridge config list --json
  $ ninja-bridge state verify

Exit codes: 0 done, 1 failed, 2 usage or config error, 3 partly done,
4 check found drift, 75 another run holds the lock.`;

/** Builds the program. Registration loads no command's implementation: `--help` stays fast. */
export function buildProgram(io: IOStreams, contexts: Context[]): Command {
  const program = new Command("ninja-bridge")
    .description("Link NinjaOne with Acronis Cyber Protect Cloud and CIPP: one-shot, visible, safe.")
    .version(packageVersion(), "-V, --version", "print the version")
    .option("--profile <name>", "profile to use (env NINJA_BRIDGE_PROFILE; default: default)")
    .option("--state <file>", "state file to use (env NINJA_BRIDGE_STATE; default: per profile)")
    .option("--json", "print one JSON document on stdout")
    .option("--dry-run", "show what would change, change nothing")
    .option("--yes", "confirm destructive changes without asking")
    .option("--no-input", "never prompt (also when CI=true)")
    .option("-v, --verbose", "log requests and details on stderr (secrets redacted)")
    .option("-q, --quiet", "print only warnings and errors on stderr")
    .addOption(new Option("--no-color", "no colours (also when NO_COLOR is set)"))
    .helpCommand("help [command]", "show help for a command")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText("after", EXAMPLES);

  // One Context per invocation, built from the global options of the command that runs.
  const context = (cmd: Command): Context => {
    const ctx = new Context(cmd.optsWithGlobals<GlobalOptions>(), io);
    contexts.push(ctx);
    return ctx;
  };
  // In the order a technician meets them: connect, configure, link, then the jobs.
  registerAuthCommands(program, context);
  registerConfigCommands(program, context);
  registerStateCommands(program, context);
  registerOrgsCommands(program, context);
  registerAutomapCommand(program, context);
  registerFieldsCommands(program, context);
  registerTicketsCommands(program, context);
  registerProvisionCommands(program, context);
  registerSyncCommand(program, context);
  registerSandboxCommands(program, context);
  registerCompletionCommand(program, context);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit, so tests can call it. */
export async function main(argv: string[], io: IOStreams = processStreams()): Promise<number> {
  const contexts: Context[] = [];
  const program = buildProgram(io, contexts);
  try {
    await program.parseAsync(argv, { from: "user" });
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error, io);
    const out = contexts.at(-1)?.out ?? new Output(io, { color: true, verbose: argv.includes("--verbose") || argv.includes("-v"), quiet: false, noInput: true });
    return renderError(error, out);
  }
}

function commanderExit(error: CommanderError, io: IOStreams): number {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
  // commander has already printed what was wrong; point at the help and report a usage error.
  if (error.code !== "commander.help" && error.code !== "commander.executeSubCommandAsync") {
    io.stderr.write("  → run 'ninja-bridge --help' (or '<command> --help') for usage\n");
  }
  return ExitCode.usage;
}

/**
 * The entry point of the binary. It exits once stdout has drained, so an idle keep-alive
 * socket cannot keep a finished run alive.
 */
export async function run(): Promise<void> {
  installSignalHandlers();
  const code = await main(process.argv.slice(2));
  process.stdout.write("", () => process.exit(code));
}
