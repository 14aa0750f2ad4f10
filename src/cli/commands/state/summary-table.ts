import type { StateSummary } from "../../../state/index.js";
import { renderTable } from "../../table.js";

/** The summary of a state file, as `state show` and `state verify` print it. */
export function summaryTable(file: string, s: StateSummary): string {
  return renderTable(
    ["FIELD", "VALUE"],
    [
      ["file", file],
      ["version", s.version],
      ["serial", s.serial],
      ["lineage", s.lineage],
      ["created", s.createdAt],
      ["updated", s.updatedAt],
      ["Acronis mappings", s.counts.acronisMappings],
      ["Microsoft 365 mappings", s.counts.m365Mappings],
      ["alert ↔ ticket links", s.counts.alertLinks],
      ["field writes cached", s.counts.fieldWrites],
      ["sync cursors", s.counts.cursors],
      ["provisioning records", s.counts.provisioning],
      ["organizations seen", s.counts.orgsSeen],
      ["device links", s.counts.deviceLinks],
      ["documents", s.counts.documents],
      ["agent registration tokens", s.counts.agentTokens],
      ["agent deployments", s.counts.agentDeploys],
    ],
  );
}
