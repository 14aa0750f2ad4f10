import { Command, CommanderError, Option } from "commander";
import { ExitCode } from "../errors.js";
import { limitHeapGrowth, sizeYoungGeneration } from "../heap.js";
import { closest } from "../jobs/shared/names/similarity.js";
import { packageVersion } from "../version.js";
import { registerAgentsCommands } from "./commands/agents/index.js";
import { registerAuthCommands } from "./commands/auth/index.js";
import { registerAutomapCommand } from "./commands/automap/index.js";
import { registerCompletionCommand } from "./commands/completion/index.js";
import { registerConfigCommands } from "./commands/config/index.js";
import { registerDocsCommands } from "./commands/docs/index.js";
import { registerFieldsCommands } from "./commands/fields/index.js";
import { registerOrgsCommands } from "./commands/orgs/index.js";
import { registerDevicesCommands } from "./commands/devices/index.js";
import { registerProvisionCommands } from "./commands/provision/index.js";
import { registerSandboxCommands } from "./commands/sandbox/index.js";
import { registerStateCommands } from "./commands/state/index.js";
import { registerSyncCommand } from "./commands/sync/index.js";
import { registerTicketsCommands } from "./commands/tickets/index.js";
import { registerUsersCommands } from "./commands/users/index.js";
import { Context, type GlobalOptions } from "./context.js";
import { Output, processStreams, type IOStreams } from "./io.js";
import { addHelpExtras, commandPath } from "./help-examples.js";
import { errorJson, renderError } from "./render-error.js";
import { installSignalHandlers } from "./shutdown.js";

const EXAMPLES = `
Examples, from a first try to cron:
  $ ninja-bridge sandbox start                    # local APIs; it prints the logins for its apps
  $ echo <secret> | ninja-bridge --profile sandbox auth login ninjaone --instance <url> --client-id <id> --client-secret-stdin
  $ ninja-bridge --profile sandbox auth status
  $ ninja-bridge --profile sandbox automap --dry-run
  $ ninja-bridge --profile sandbox automap --yes
  $ ninja-bridge --profile sandbox sync --yes     # every enabled job once, as cron runs it
  $ ninja-bridge help orgs map                    # help for one command

Exit codes: 0 done, 1 failed, 2 usage or config error, 3 partly done,
4 check found drift, 75 another run holds the lock.
A run that reaches its --deadline records what landed, says what is left and exits 3.`;

/** The commands that store a profile's settings, so they may name a profile that does not exist yet. */
const PROFILE_CREATORS = new Set(["auth login ninjaone", "auth login acronis", "auth login cipp", "config set", "tickets config", "provision config", "fields map"]);

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
    .option("--deadline <time>", "overall time budget for the run's API calls: 90s, 20m, 2h, or an ISO time (default 30m; sync: sync.deadline)")
    .addOption(new Option("--no-color", "no colours (also when NO_COLOR is set)"))
    .helpCommand("help [command]", "show help for a command")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText("after", EXAMPLES);

  // One Context per invocation, built from the global options of the command that runs: work starts here, help never gets this far.
  const context = (cmd: Command): Context => {
    sizeYoungGeneration();
    const ctx = new Context(cmd.optsWithGlobals<GlobalOptions>(), io, PROFILE_CREATORS.has(commandPath(cmd)));
    contexts.push(ctx);
    return ctx;
  };
  // In the order a technician meets them: connect, configure, link, then the jobs.
  registerAuthCommands(program, context);
  registerConfigCommands(program, context);
  registerStateCommands(program, context);
  registerOrgsCommands(program, context);
  registerDevicesCommands(program, context);
  registerAutomapCommand(program, context);
  registerFieldsCommands(program, context);
  registerTicketsCommands(program, context);
  registerDocsCommands(program, context);
  registerProvisionCommands(program, context);
  registerAgentsCommands(program, context);
  registerUsersCommands(program, context);
  registerSyncCommand(program, context);
  registerSandboxCommands(program, context);
  registerCompletionCommand(program, context);
  addHelpExtras(program);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit, so tests can call it. */
export async function main(argv: string[], io: IOStreams = processStreams()): Promise<number> {
  const contexts: Context[] = [];
  const program = buildProgram(io, contexts);
  const help = helpRequest(program, argv);
  if (help !== undefined && "typo" in help) {
    io.stderr.write(`error: unknown command '${help.typo}'${help.suggestion ? `\n(Did you mean ${help.suggestion}?)` : ""}\n`);
    return commanderExit(new CommanderError(ExitCode.usage, "commander.unknownCommand", ""), io);
  }
  try {
    await program.parseAsync(help?.argv ?? argv, { from: "user" });
    await contexts.at(-1)?.out.writeJson();
    return ExitCode.ok;
  } catch (error) {
    // Every --json run ends with one document on stdout, a failed one too.
    const json = contexts.at(-1)?.json ?? argv.includes("--json");
    if (error instanceof CommanderError) {
      const code = commanderExit(error, io);
      if (json && code !== ExitCode.ok) io.stdout.write(`${JSON.stringify({ error: { message: error.message.replace(/^error: /, ""), exitCode: code, kind: "UsageError" } }, null, 2)}\n`);
      return code;
    }
    const out = contexts.at(-1)?.out ?? new Output(io, { color: true, verbose: argv.includes("--verbose") || argv.includes("-v"), quiet: false, noInput: true });
    const code = renderError(error, out);
    if (json) await out.writeJson(errorJson(error));
    return code;
  }
}

/**
 * `help <command…>`: commander's help command reads one level and prints nothing for a typo,
 * so the words are walked here: known ones become `<command…> --help`, an unknown one gets
 * the suggestion that `<typo>` gets.
 */
function helpRequest(program: Command, argv: readonly string[]): { argv: string[] } | { typo: string; suggestion: string | undefined } | undefined {
  if (argv[0] !== "help") return undefined;
  const words = argv.slice(1).filter((a) => !a.startsWith("-"));
  let cmd = program;
  for (const word of words) {
    if (cmd.commands.length === 0) break;
    const next = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (next === undefined) return { typo: word, suggestion: closest(word, cmd.commands.map((c) => c.name())) };
    cmd = next;
  }
  return { argv: [...argv.slice(1), "--help"] };
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
  limitHeapGrowth();
  installSignalHandlers();
  const code = await main(process.argv.slice(2));
  process.stdout.write("", () => process.exit(code));
}
