import { type Command, Option } from "commander";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";

const SECRET_STDIN = "read the client secret from standard input (secrets are never flag values)";

export function registerAuthCommands(program: Command, context: ContextFactory): void {
  const auth = program
    .command("auth")
    .description("connect, test and forget NinjaOne, Acronis and CIPP")
    .addHelpText(
      "after",
      "\nEvery value can also come from the environment (NINJA_BRIDGE_<SERVICE>_<SETTING>, e.g. NINJA_BRIDGE_NINJAONE_CLIENT_SECRET),\nso cron and CI work with no `auth login` at all.",
    );

  const login = auth.command("login").description("store and test the credentials of a service");

  login
    .command("ninjaone")
    .description("connect NinjaOne: client credentials (API Services app) or authorization code + PKCE (Web app)")
    .option("--instance <instance>", "app, us2, eu, ca, oc, fed, <host>.ninjarmm.com or <host>.ninjaone.com")
    .addOption(new Option("--flow <flow>", "OAuth flow").choices(["client-credentials", "authorization-code"]))
    .option("--client-id <id>", "client id of the NinjaOne API app")
    .option("--client-secret-stdin", SECRET_STDIN)
    .option("--scopes <scopes>", 'space-separated scopes (default "monitoring management")')
    .option("--redirect-port <port>", "port of the loopback redirect URI for --flow authorization-code (default 8976; 0 = any)")
    .option("--no-browser", "print the sign-in URL but do not open a browser")
    .action(lazyAction(context, () => import("./login-ninjaone.js")));

  login
    .command("acronis")
    .description("connect Acronis Cyber Protect Cloud with an API client")
    .option("--url <url>", "data center URL, e.g. https://eu2-cloud.acronis.com")
    .option("--client-id <id>", "API client id")
    .option("--client-secret-stdin", SECRET_STDIN)
    .action(lazyAction(context, () => import("./login-acronis.js")));

  login
    .command("cipp")
    .description("connect the CIPP API with its Entra ID application")
    .option("--url <url>", "CIPP API base URL")
    .option("--tenant-id <tenant>", "Entra ID tenant (id or domain) of the CIPP API application")
    .option("--client-id <id>", "application (client) id of the CIPP API client")
    .option("--client-secret-stdin", SECRET_STDIN)
    .option("--scope <scope>", "OAuth scope (default api://<client id>/.default)")
    .option("--token-url <url>", "token endpoint (default https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token)")
    .action(lazyAction(context, () => import("./login-cipp.js")));

  auth
    .command("status")
    .description("get a token for every configured service and probe what later jobs need (exit 1 if any fails)")
    .action(lazyAction(context, () => import("./status.js")));

  auth
    .command("export-env")
    .description("write the profile's settings and secrets as NINJA_BRIDGE_* lines for a container or another host (mode 0600)")
    .option("--file <path>", "where to write them (replaced only with --yes); a NinjaOne refresh token moves there")
    .action(lazyAction(context, () => import("./export-env.js")));

  auth
    .command("logout")
    .description("remove the stored secrets and tokens of a service (or --all) from this profile")
    .argument("[service]", "ninjaone, acronis or cipp")
    .option("--all", "every service")
    .action(lazyAction(context, () => import("./logout.js")));
}
