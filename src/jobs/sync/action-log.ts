import { open, type FileHandle } from "node:fs/promises";
import { BridgeError, ConfigError } from "../../errors.js";
import type { JobActionEvent } from "../job.js";

export interface ActionLogLine extends JobActionEvent {
  time: string;
  /** When the run started: groups the lines of one run. */
  run: string;
  dryRun: boolean;
}

/**
 * An append-only JSON-lines audit log (`sync --log-file`), one line per action, for people
 * and SIEMs. Lines are written in order, each with one append, so a killed run leaves
 * whole lines only. Created 0600: targets name customers.
 */
export class ActionLog {
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly run: string,
    private readonly dryRun: boolean,
    private readonly now: () => Date,
  ) {}

  static async open(path: string, options: { run: Date; dryRun: boolean; now?: () => Date }): Promise<ActionLog> {
    try {
      const handle = await open(path, "a", 0o600);
      return new ActionLog(handle, path, options.run.toISOString(), options.dryRun, options.now ?? (() => new Date()));
    } catch (error) {
      throw new ConfigError(`cannot open the log file ${path}: ${(error as Error).message}`, {
        hint: "pass a --log-file path in a directory you can write to",
        cause: error,
      });
    }
  }

  write(event: JobActionEvent): void {
    const line: ActionLogLine = { time: this.now().toISOString(), run: this.run, dryRun: this.dryRun, ...event };
    const text = `${JSON.stringify(line)}\n`;
    this.queue = this.queue.then(async () => {
      if (this.failure !== undefined) return;
      try {
        await this.handle.appendFile(text);
      } catch (error) {
        this.failure = error;
      }
    });
  }

  /** Waits for every line, closes the file, and reports a write that failed. */
  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
    if (this.failure !== undefined) {
      throw new BridgeError(`could not write to the log file ${this.path}: ${(this.failure as Error).message}`, { cause: this.failure });
    }
  }
}
