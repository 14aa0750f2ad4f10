// The job settings `npm run bench` gives its throw-away profile: what a technician would set
// up before handing `sync` to cron. Kept apart from the measuring in bench.mjs.

/** Organization-scope fields: one PATCH per mapped organization. */
const ORG_FIELDS = [["cipp.tenant-summary", "m365TenantSummary"]];

/** The device fields a status churn moves (the sandbox's `statuses/churn` answer: `status`, `lastBackup`). */
export const CHURNED_FIELDS = { status: "acronisProtectionStatus", lastBackup: "acronisLastBackup" };

/** Device-scope fields: one PATCH per matched device, the bulk of a first sync's writes. */
const DEVICE_FIELDS = [
  ["acronis.protection-status", CHURNED_FIELDS.status],
  ["acronis.last-backup", CHURNED_FIELDS.lastBackup],
  ["cipp.device-compliance", "intuneComplianceState"],
];

export async function setupJobs({ cli, control, deviceFields, docs, windowed }) {
  const fields = deviceFields ? [...ORG_FIELDS, ...DEVICE_FIELDS] : ORG_FIELDS;
  const steps = [
    ...fields.map(([source, field]) => ["fields", "map", source, field]),
    // The sandbox has two technicians, so the signed-in one cannot be told: name the requester, as the demo does.
    // --max-tickets: the estate starts with thousands of alerts; at the default 25 a run the backlog
    // would take hundreds of runs to drain before the steady state could be measured. Runs in a
    // window keep the default, as under cron: tickets run in the window's reserve.
    ["tickets", "config", "--form", "1", "--requester", "sam.sandbox@example.com", ...(windowed ? [] : ["--max-tickets", "10000"])],
    // --force: the bench measures sync on an estate nothing was mapped in yet, close names included.
    ["provision", "config", "--admin-email", "backup+{slug}@msp.example", "--edition", "per_workload", "--auto-provision", "on", "--deprovision-disable", "on", "--force"],
    // docs writes into the two templates it needs; `sync` never creates them itself.
    ...(docs ? [["docs", "templates", "--apply"]] : []),
  ];
  for (const argv of steps) {
    const run = await cli(argv);
    if (run.code !== 0) throw new Error(`ninja-bridge ${argv.join(" ")} exited ${run.code}: ${run.stderr}`);
  }
  // Reference §2 leaves open whether ticket writes need a user's token; the bench lets client credentials write them.
  const response = await fetch(`${control}/control/ninjaone/options`, {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ticketWritesNeedUserContext: false }),
  });
  if (!response.ok) throw new Error(`the sandbox refused its options: HTTP ${response.status}`);
  return { description: `fields ${fields.map(([s, f]) => `${s}→${f}`).join(", ")}; tickets on form 1 (at most ${windowed ? 25 : "10,000"} a run); auto-provision and deprovision on${docs ? "; docs templates created" : ""}` };
}
