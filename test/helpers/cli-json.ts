import { runCli } from "./run-cli.js";

export interface CliJsonResult<T> {
  code: number;
  /** The `--json` document on stdout; null when the command printed none (it failed early). */
  report: T;
  stderr: string;
}

/** Runs the built CLI with `args` (which should include --json) and parses what it printed. */
export async function runCliJson<T>(args: string[], env: NodeJS.ProcessEnv): Promise<CliJsonResult<T>> {
  const result = await runCli(args, { env });
  return { code: result.code, report: (result.stdout === "" ? null : JSON.parse(result.stdout)) as T, stderr: result.stderr };
}
