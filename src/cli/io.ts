import { once } from "node:events";
import type { Writable } from "node:stream";
import { CancelledError, UsageError } from "../errors.js";
import { jsonChunks } from "../json-chunks.js";
import type { Logger } from "../log.js";

/**
 * All TTY awareness lives here: colour, icons, prompts allowed or not, width. Nothing
 * else in the code checks `isTTY` or reads NO_COLOR.
 */
export interface IOStreams {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Standard input, for secrets piped in; a test running main() in-process passes its own. */
  stdin?: NodeJS.ReadableStream;
}

export interface OutputOptions {
  color: boolean;
  verbose: boolean;
  quiet: boolean;
  noInput: boolean;
}

/** A list inside the command's JSON document, written an item at a time (Output.startJsonList). */
export interface JsonListWriter {
  add(item: unknown): Promise<void>;
  finish(tail: Record<string, unknown>): void;
}

/** What JSON keeps as an object's member (it leaves out undefined, functions and symbols). */
function isJsonValue(value: unknown): boolean {
  return value !== undefined && typeof value !== "function" && typeof value !== "symbol";
}

/** `"name": value` for each member JSON keeps, one a line at the first level of a document, a comma before all but the first (before every one `after` others). */
function* memberPieces(members: Record<string, unknown>, after = false): Generator<string> {
  let comma = after;
  for (const [name, value] of Object.entries(members)) {
    if (!isJsonValue(value)) continue;
    yield `${comma ? "," : ""}\n  ${JSON.stringify(name)}: `;
    comma = true;
    yield* jsonChunks(value, { level: 1 });
  }
}

interface StartedList {
  items: number;
  tail: Record<string, unknown>;
}

export class Output implements Logger {
  readonly color: boolean;
  /** The command's --json document, written by main() when the command ends (see printJson), or already begun (see startJsonList). */
  private document: { value: unknown } | { list: StartedList } | undefined;

  constructor(
    readonly io: IOStreams,
    private readonly opts: OutputOptions,
  ) {
    this.color = opts.color && !io.env.NO_COLOR && io.env.TERM !== "dumb" && Boolean(io.stderr.isTTY);
  }

  get verbose(): boolean {
    return this.opts.verbose;
  }

  /** Prompts need a person: a TTY on both ends, not --no-input, not CI. */
  get canPrompt(): boolean {
    const ci = (this.io.env.CI ?? "").toLowerCase();
    return (
      !this.opts.noInput && this.io.stdinIsTTY && Boolean(this.io.stderr.isTTY) && ci !== "true" && ci !== "1"
    );
  }

  /** A live progress line suits a person's terminal, not a log or --quiet. */
  get showsProgress(): boolean {
    return Boolean(this.io.stderr.isTTY) && !this.opts.quiet;
  }

  get width(): number {
    return this.io.stdout.columns ?? 80;
  }

  /** Data for a person or a pipe: stdout only. */
  print(text: string): void {
    this.io.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  /**
   * The command's one JSON document. It is written when the command ends (writeJson), so a
   * command that fails after reporting still prints exactly one document, with its error in it.
   */
  printJson(value: unknown): void {
    this.document = { value };
  }

  /**
   * Begins the command's JSON document now: `head`'s members, then the list `key`, whose items
   * `add` writes one at a time (sync writes each job's report as the job ends, instead of holding
   * every report to the end of the run). `finish` gives the members after the list. The document
   * ends when the command does (writeJson), with `error` added when it failed.
   */
  startJsonList(head: Record<string, unknown>, key: string): JsonListWriter {
    const list: StartedList = { items: 0, tail: {} };
    this.document = { list };
    this.io.stdout.write("{");
    for (const piece of memberPieces(head)) this.io.stdout.write(piece);
    this.io.stdout.write(`${Object.values(head).some(isJsonValue) ? "," : ""}\n  ${JSON.stringify(key)}: [`);
    return {
      add: async (item) => {
        this.io.stdout.write(`${list.items++ === 0 ? "" : ","}\n    `);
        await this.writePieces(jsonChunks(item, { level: 2 }));
      },
      finish: (tail) => {
        list.tail = tail;
      },
    };
  }

  /**
   * Writes the pieces, waiting whenever stdout's reader is behind: a pipe takes writes without
   * blocking, so tens of megabytes of --json would otherwise queue in memory (issue 21).
   */
  private async writePieces(pieces: Iterable<string>): Promise<void> {
    for (const piece of pieces) if (!this.io.stdout.write(piece)) await once(this.io.stdout, "drain");
  }

  /** Writes the document, adding `error` when the command failed; only an error when it printed none. */
  async writeJson(error?: Record<string, unknown>): Promise<void> {
    if (this.document !== undefined && "list" in this.document) {
      const { list } = this.document;
      this.document = undefined;
      this.io.stdout.write(list.items === 0 ? "]" : "\n  ]");
      await this.writePieces(memberPieces(error === undefined ? list.tail : { ...list.tail, error }, true));
      this.io.stdout.write("\n}\n");
      return;
    }
    if (this.document === undefined && error === undefined) return;
    const value = this.document?.value;
    const doc = error === undefined ? value : value !== null && typeof value === "object" && !Array.isArray(value) ? { ...value, error } : this.document === undefined ? { error } : { result: value, error };
    this.document = undefined;
    // In pieces: a sync of 50,000 devices reports tens of megabytes, never held as one string.
    await this.writePieces(jsonChunks(doc));
    this.io.stdout.write("\n");
  }

  get debugs(): boolean {
    return this.opts.verbose;
  }

  debug(message: string): void {
    if (this.opts.verbose) this.err(this.paint("2", message));
  }

  /** Progress and notices go to stderr, only on a TTY unless --verbose, never with --quiet. */
  info(message: string): void {
    if (this.opts.quiet) return;
    if (this.opts.verbose || this.io.stderr.isTTY) this.err(message);
  }

  success(message: string): void {
    this.info(`${this.paint("32", "✓")} ${message}`);
  }

  /**
   * How a run ended (what it recorded, a verdict): on stderr also when piped or logged, so an
   * applied run never reads like a dry run. Only --quiet silences it.
   */
  outcome(message: string): void {
    if (!this.opts.quiet) this.err(`${this.paint("32", "✓")} ${message}`);
  }

  warn(message: string): void {
    this.err(`${this.paint("33", "!")} ${message}`);
  }

  failure(message: string): void {
    this.err(`${this.paint("31", "✗")} ${message}`);
  }

  err(text: string): void {
    this.io.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  }

  paint(code: string, text: string): string {
    return this.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  }
}

export function processStreams(): IOStreams {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    stdin: process.stdin,
  };
}

type PromptLibrary = typeof import("@inquirer/prompts");

/** @inquirer/prompts throws this on Ctrl+C (the terminal is raw, so no SIGINT arrives). */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && error.name === "ExitPromptError";
}

/**
 * The one door to @inquirer/prompts: it loads only when a question is asked, questions
 * go to stderr so stdout stays data, and Ctrl+C becomes a CancelledError (exit 130).
 */
export async function ask<T>(question: (prompts: PromptLibrary, output: { output: NodeJS.WritableStream }) => Promise<T>): Promise<T> {
  const prompts = await import("@inquirer/prompts");
  try {
    return await question(prompts, { output: process.stderr });
  } catch (error) {
    if (isPromptExit(error)) throw new CancelledError();
    throw error;
  }
}

export interface ChangeConfirmation {
  /** The question a person answers, e.g. "Record 3 links in the state file?". */
  question: string;
  /** Why a run with no terminal is refused, e.g. "automap would record 3 links, and there is no terminal to confirm them". */
  refusal: string;
  hint: string;
}

/**
 * A person confirms a change on a terminal; a script must say --yes, so nothing is changed
 * silently. With neither, the run is refused with a usage error before anything changes.
 */
export async function confirmChange(out: Output, yes: boolean, text: ChangeConfirmation): Promise<boolean> {
  if (yes) return true;
  if (!out.canPrompt) throw new UsageError(text.refusal, { hint: text.hint });
  return ask((p, output) => p.confirm({ message: text.question, default: false }, output));
}

/** The words before something is removed or undone: `what` is "this removes 2 links of Contoso (#4)". */
export function destructiveChange(what: string, hint: string): ChangeConfirmation {
  return { question: `${what[0]?.toUpperCase() ?? ""}${what.slice(1)}. Go ahead?`, refusal: `${what}, and there is no terminal to confirm it`, hint };
}
