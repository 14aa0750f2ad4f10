/**
 * What passes between the simulated NinjaOne and Acronis when a script run installs the
 * backup agent: NinjaOne records every script run here; Acronis reads the runs and, once
 * enough sandbox time has passed, registers the agent as a workload of the customer whose
 * registration token the organization's custom fields held. Nothing else crosses services.
 */

/** How long after a script run the agent shows up as a workload: install, register, first report. */
export const AGENT_APPEARS_AFTER_MS = 5 * 60_000;

export interface ScriptRun {
  /** Sequential, from 1, in the order NinjaOne accepted the runs. */
  id: number;
  deviceId: number;
  organizationId: number;
  scriptId: number;
  scriptName: string;
  parameters: string | null;
  /** An offline device never runs it: NinjaOne accepts the request and nothing happens. */
  delivered: boolean;
  /** Whether the script installs the Acronis agent (the sandbox's install scripts do). */
  installsAgent: boolean;
  /** The device as the agent will report it. */
  systemName: string;
  serialNumber: string | null;
  nodeClass: string;
  /**
   * The organization's custom-field text values when the script ran: what a script reading
   * the token field could find. Never shown on the control endpoint (a token is a secret).
   */
  organizationValues: string[];
  /** Epoch milliseconds on the sandbox clock. */
  at: number;
}

export class AgentInstallLog {
  private readonly runs: ScriptRun[] = [];

  record(run: Omit<ScriptRun, "id">): ScriptRun {
    const recorded = { ...run, id: this.runs.length + 1 };
    this.runs.push(recorded);
    return recorded;
  }

  all(): readonly ScriptRun[] {
    return this.runs;
  }
}
