import type { Command } from "commander";

/** Which of the root's flags change what a command does; --profile, --state and the output flags apply everywhere. */
type GlobalFlag = "--json" | "--dry-run" | "--yes";

interface HelpExtra {
  examples: string[];
  flags: GlobalFlag[];
}

const FLAG_MEANING: Record<GlobalFlag, string> = {
  "--json": "print one JSON document on stdout (also on failure, with an error object)",
  "--dry-run": "show what would change, change nothing",
  "--yes": "apply without asking (needed when there is no terminal)",
};

/** Per command path: examples a technician can copy, and the global flags that matter there. */
const EXTRAS: Record<string, HelpExtra> = {
  auth: { examples: ["auth status", "auth login ninjaone --help"], flags: ["--json"] },
  "auth login": { examples: ["auth login ninjaone --instance eu --client-id <id>", "auth login acronis --url https://eu2-cloud.acronis.com --client-id <id>"], flags: ["--json"] },
  "auth login ninjaone": {
    examples: [
      "auth login ninjaone --instance eu --client-id <id>            # asks for the secret",
      "pass show ninjaone | ninja-bridge auth login ninjaone --instance eu --client-id <id> --client-secret-stdin",
      "auth login ninjaone --instance eu --flow authorization-code --client-id <id> --client-secret-stdin",
    ],
    flags: ["--json"],
  },
  "auth login acronis": { examples: ["auth login acronis --url https://eu2-cloud.acronis.com --client-id <id>"], flags: ["--json"] },
  "auth login cipp": { examples: ["auth login cipp --url https://cippapi.example.net --tenant-id <tenant> --client-id <id>"], flags: ["--json"] },
  "auth status": { examples: ["auth status", "--profile acme auth status --json"], flags: ["--json"] },
  "auth export-env": { examples: ["auth export-env --file /etc/ninja-bridge/env", "--profile acme auth export-env --file ./ninja-bridge.env --dry-run"], flags: ["--dry-run", "--yes"] },
  "auth logout": { examples: ["auth logout ninjaone", "auth logout --all"], flags: ["--json"] },
  config: { examples: ["config list", "config set ninjaone.instance eu", "config profiles"], flags: ["--json"] },
  "config get": { examples: ["config get ninjaone.instance"], flags: ["--json"] },
  "config set": { examples: ["config set ninjaone.instance eu", "--profile acme config set acronis.url https://eu2-cloud.acronis.com"], flags: ["--json"] },
  "config unset": { examples: ["config unset ninjaone.instance"], flags: ["--json"] },
  "config list": { examples: ["config list", "config list --json"], flags: ["--json"] },
  "config profiles": { examples: ["config profiles", "config profiles --json"], flags: ["--json"] },
  state: { examples: ["state path", "state verify"], flags: ["--json"] },
  "state path": { examples: ["state path", "--profile acme state path --json"], flags: ["--json"] },
  "state show": { examples: ["state show", "state show --json > state-copy.json"], flags: ["--json"] },
  "state verify": { examples: ["state verify", "state verify --json"], flags: ["--json"] },
  "state restore": { examples: ["state restore --dry-run", "state restore --yes"], flags: ["--dry-run", "--yes"] },
  orgs: { examples: ["orgs list --unmapped", "orgs map Contoso --acronis Contoso"], flags: ["--json", "--dry-run", "--yes"] },
  "orgs list": { examples: ["orgs list", "orgs list --unmapped --json"], flags: ["--json"] },
  "orgs map": {
    examples: ["orgs map Contoso --acronis Contoso", "orgs map 4 --cipp tailspintoys.com", "orgs map --interactive --acronis", "orgs map Adatum --acronis ADATUM --force --dry-run"],
    flags: ["--json", "--dry-run"],
  },
  "orgs map export": { examples: ["orgs map export --file mappings.json", "orgs map export > mappings.json"], flags: ["--json"] },
  "orgs map import": { examples: ["orgs map import mappings.json --dry-run", "orgs map import mappings.json --yes --max-remove 20"], flags: ["--json", "--dry-run", "--yes"] },
  "orgs map check": { examples: ["orgs map check", "orgs map check --file mappings.json --json"], flags: ["--json"] },
  devices: { examples: ["devices list", "devices link CONTOSO-WS01 --acronis <resource id>"], flags: ["--json"] },
  "devices list": { examples: ["devices list", "devices list --unmatched --csv", "devices list --json"], flags: ["--json"] },
  "devices link": { examples: ["devices link CONTOSO-WS01 --acronis <resource id>", "devices link 102 --intune <device id> --dry-run"], flags: ["--json", "--dry-run"] },
  "devices unlink": { examples: ["devices unlink CONTOSO-WS01 --acronis", "devices unlink 102"], flags: ["--json", "--dry-run"] },
  "devices unmanaged": { examples: ["devices unmanaged", "devices unmanaged --org Contoso --json", "devices unmanaged --ignore <intune id>"], flags: ["--json", "--dry-run"] },
  "devices config": { examples: ["devices config", "devices config --entra-id-field entraDeviceId"], flags: ["--json", "--dry-run"] },
  "orgs exclude": { examples: ["orgs exclude Contoso --jobs fields,tickets", "orgs exclude 4 --jobs provision,deprovision --dry-run"], flags: ["--json", "--dry-run"] },
  "orgs include": { examples: ["orgs include Contoso --jobs tickets", "orgs include 4"], flags: ["--json", "--dry-run"] },
  "orgs unmap": { examples: ["orgs unmap Contoso --cipp", "orgs unmap 4 --yes"], flags: ["--json", "--dry-run", "--yes"] },
  automap: { examples: ["automap --dry-run", "automap", "automap --target cipp --yes", "automap --min-devices 3 --min-share 75% --dry-run"], flags: ["--json", "--dry-run", "--yes"] },
  fields: { examples: ["fields list --scope device", "fields map --interactive", "fields sync --dry-run"], flags: ["--json", "--dry-run"] },
  "fields list": { examples: ["fields list", "fields list --scope organization --json"], flags: ["--json"] },
  "fields map": { examples: ["fields map acronis.last-backup acronisLastBackup", "fields map cipp.user-summary m365Users --licensed-only", "fields map --interactive"], flags: ["--json", "--dry-run"] },
  "fields map check": { examples: ["fields map check", "fields map check --json"], flags: ["--json"] },
  "fields unmap": { examples: ["fields unmap acronis.last-backup"], flags: ["--json"] },
  "fields create": { examples: ["fields create --dry-run", "fields create --source cipp --map --yes", "fields create --json --yes"], flags: ["--json", "--dry-run", "--yes"] },
  docs: { examples: ["docs templates", "docs templates --apply", "docs sync --dry-run"], flags: ["--json", "--dry-run"] },
  "docs templates": { examples: ["docs templates", "docs templates --apply --json"], flags: ["--json", "--dry-run"] },
  "docs config": { examples: ["docs config", "docs config --user-template \"M365 User\" --licensed-only yes"], flags: ["--json", "--dry-run"] },
  "docs sync": { examples: ["docs sync --dry-run", "docs sync --org Contoso --licensed-only", "docs sync --max-archive 5 --json"], flags: ["--json", "--dry-run"] },
  "fields sync": { examples: ["fields sync --dry-run", "fields sync --source acronis --org Contoso", "fields sync --full"], flags: ["--json", "--dry-run"] },
  tickets: { examples: ["tickets config --form 1 --enable-type BackupFailed", "tickets sync --dry-run", "tickets sync --yes"], flags: ["--json", "--dry-run", "--yes"] },
  "tickets config": {
    examples: ["tickets config --form 1 --enable-type BackupFailed,MalwareDetected --reopen-days 2", "tickets config --severity BackupFailed=MAJOR --max-tickets 50", "tickets config --interactive"],
    flags: ["--json"],
  },
  "tickets config show": { examples: ["tickets config show", "tickets config show --json"], flags: ["--json"] },
  "tickets sync": { examples: ["tickets sync --dry-run", "tickets sync", "tickets sync --yes --json"], flags: ["--json", "--dry-run", "--yes"] },
  "tickets list": { examples: ["tickets list", "tickets list --json"], flags: ["--json"] },
  provision: { examples: ["provision --all-unmapped --dry-run", 'provision "Alpine Ski House" 42', "provision --all-unmapped --yes"], flags: ["--json", "--dry-run", "--yes"] },
  "provision config": { examples: ["provision config --admin-email 'backup+{slug}@msp.example' --mode production --mfa on", "provision config --delete-after-days 30", "provision config --interactive"], flags: ["--json"] },
  "provision config show": { examples: ["provision config show", "provision config show --json"], flags: ["--json"] },
  agents: { examples: ["agents status", "agents config --token-field acronisRegistrationToken", "agents token --yes", 'agents deploy --script "Install Acronis agent (Windows)" --dry-run'], flags: ["--json", "--dry-run", "--yes"] },
  "agents status": { examples: ["agents status", "agents status --org Contoso --role server,workstation --os windows --csv", "agents status --fail-on unprotected --json"], flags: ["--json"] },
  "agents config": { examples: ["agents config --token-field acronisRegistrationToken", "agents config --renew-days 10 --lifetime-days 30", "agents config --deploy-in-sync on --script 11 --script 12"], flags: ["--json", "--dry-run"] },
  "agents token": { examples: ["agents token --dry-run", "agents token --yes", "agents token --org Contoso --renew-days 14 --yes"], flags: ["--json", "--dry-run", "--yes"] },
  "agents deploy": { examples: ['agents deploy --script "Install Acronis agent (Windows)" --script 12 --dry-run', "agents deploy --script 11 --org Contoso --max 10 --yes"], flags: ["--json", "--dry-run", "--yes"] },
  users: { examples: ["users list", "users export --file access.json", "users check --file access.json", "users request --file access.json --wait --timeout 2h"], flags: ["--json", "--dry-run", "--yes"] },
  "users list": { examples: ["users list", "users list --type end-user --org Contoso --csv entitlements", "users list --role Administrator --json"], flags: ["--json"] },
  "users export": { examples: ["users export --file access.json", "users export > access.json"], flags: ["--json"] },
  "users check": { examples: ["users check --file access.json", "users check --file access.json --json"], flags: ["--json"] },
  "users apply": { examples: ["users apply --file access.json --dry-run", "users apply --file access.json --yes --max-remove 10", "users apply --ticket 5012 --yes"], flags: ["--json", "--dry-run", "--yes"] },
  "users request": { examples: ["users request --file access.json", "users request --file access.json --wait --timeout 2h --json"], flags: ["--json"] },
  deprovision: { examples: ["deprovision --dry-run", "deprovision --yes --max-deprovision 10"], flags: ["--json", "--dry-run", "--yes"] },
  sync: { examples: ["sync --dry-run", "sync --yes", "sync --jobs fields,tickets --yes", "sync --yes --json --log-file /var/log/ninja-bridge/audit.jsonl"], flags: ["--json", "--dry-run", "--yes"] },
  sandbox: { examples: ["sandbox start", "sandbox start --port 0 --json"], flags: ["--json"] },
  "sandbox start": { examples: ["sandbox start", "sandbox start --port 0 --json", "sandbox start --seed large --orgs 200", "sandbox start --latency 100 --fault-rate 0.05"], flags: ["--json"] },
  completion: { examples: ["completion bash > ~/.local/share/bash-completion/completions/ninja-bridge", "completion fish > ~/.config/fish/completions/ninja-bridge.fish"], flags: [] },
};

export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** Every command (the root excepted) and its descendants. */
export function allCommands(root: Command): Command[] {
  return root.commands.flatMap((c) => [c, ...allCommands(c)]);
}

/** Adds "Examples:" and the global flags that apply to every subcommand's --help. */
export function addHelpExtras(program: Command): void {
  const name = program.name();
  for (const cmd of allCommands(program)) {
    const extra = EXTRAS[commandPath(cmd)];
    if (extra === undefined) continue;
    const examples = extra.examples.map((e) => `  $ ${e.startsWith("pass ") ? e : `${name} ${e}`}`);
    const width = Math.max(0, ...extra.flags.map((f) => f.length));
    const flags = extra.flags.map((f) => `  ${f.padEnd(width)}  ${FLAG_MEANING[f]}`);
    const text = ["", "Examples:", ...examples, ...(flags.length > 0 ? ["", "Global options that apply (see ninja-bridge --help for all):", ...flags] : [])];
    cmd.addHelpText("after", text.join("\n"));
  }
}

