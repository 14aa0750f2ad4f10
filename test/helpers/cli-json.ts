import { runInProcess } from "./run-in-process.js";

export interface CliJsonResult<T> {
  code: number;
  /** The `--json` document on stdout; null when the command printed none (it failed early). */
  report: T;
  stderr: string;
}

/** Runs the CLI in-process with `args` (which should include --json) and parses what it printed. */
export async function runCliJson<T>(args: string[], env: NodeJS.ProcessEnv): Promise<CliJsonResult<T>> {
  const result = await runInProcess(args, { env });
  return { code: result.code, report: (result.stdout === "" ? null : JSON.parse(result.stdout)) as T, stderr: result.stderr };
}
