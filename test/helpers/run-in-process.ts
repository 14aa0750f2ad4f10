import { Readable, Writable } from "node:stream";
import { main } from "../../src/cli/main.js";
import { watchCli, type CliResult, type RunningCli } from "./run-cli.js";

/** A stream that hands on what is written to it, as a pipe to the test would. */
function pipeTo(write: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      write(chunk.toString());
      done();
    },
  });
}

/**
 * Starts one command through main() in this process, as startCli starts the built CLI: no
 * TTY, `input` on standard input, the environment given and no other. It skips starting Node
 * (about a second a command) and needs no build; what only a real process shows (its exit
 * status on a signal, a lock held by another process, the binary) stays with runCli.
 */
export function startInProcess(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): RunningCli {
  return watchCli((sink) => {
    const stdin = Readable.from(options.input === undefined || options.input === "" ? [] : [Buffer.from(options.input)]);
    return main(args, { stdout: pipeTo(sink.stdout), stderr: pipeTo(sink.stderr), stdinIsTTY: false, env: { ...options.env }, stdin });
  });
}

/** Runs one command in this process and returns what runCli would: exit code, stdout, stderr. */
export function runInProcess(args: string[], options: { env: NodeJS.ProcessEnv; input?: string }): Promise<CliResult> {
  return startInProcess(args, options).done;
}
