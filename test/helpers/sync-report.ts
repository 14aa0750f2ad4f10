/** One job's entry in a `sync --json` document; a missing job fails the test naming what was there. */
export function jobOf<J extends { job: string }>(doc: { jobs: readonly J[] }, name: string): J {
  const found = doc.jobs.find((j) => j.job === name);
  if (found === undefined) throw new Error(`sync reported no ${name} job: ${JSON.stringify(doc.jobs)}`);
  return found;
}
