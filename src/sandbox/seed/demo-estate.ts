import type { SeedDevice, SeedEstate, SeedOrg } from "../contract.js";

/**
 * The NinjaOne side of the demo estate: few enough organizations and devices for a person
 * to read, chosen so that every matching rule of automap has a case to show. The Acronis
 * and CIPP demo data refer to these names, serials and hostnames.
 */
export const DEMO_ORGS: SeedOrg[] = [
  // Same name on Acronis and in Microsoft 365: an exact match.
  { id: 1, name: "Contoso" },
  // Acronis has "Fabrikam Inc" and CIPP "fabrikam": differs only by punctuation, case, suffix.
  { id: 2, name: "Fabrikam, Inc." },
  // Acronis has "NORTHWIND TRADERS LLC": case and legal suffix.
  { id: 3, name: "Northwind Traders" },
  // No name match anywhere; its devices' serials match Acronis workloads and Intune devices.
  { id: 4, name: "Tailspin Toys (HQ)" },
  // Nothing on either side matches: stays unmapped.
  { id: 5, name: "Alpine Ski House" },
  // Two Acronis customers normalise to this name ("Adatum GmbH", "ADATUM"); the exact
  // (case-insensitive) match "ADATUM" wins over the normalised one, as automap ranks them.
  { id: 6, name: "Adatum" },
];

function device(
  id: number,
  organizationId: number,
  systemName: string,
  nodeClass: string,
  serialNumber: string | undefined,
  biosSerialNumber: string | undefined = serialNumber,
): SeedDevice {
  const d: SeedDevice = { id, organizationId, systemName, nodeClass, dnsName: `${systemName.toLowerCase()}.local` };
  if (serialNumber !== undefined) d.serialNumber = serialNumber;
  if (biosSerialNumber !== undefined) d.biosSerialNumber = biosSerialNumber;
  return d;
}

export const DEMO_DEVICES: SeedDevice[] = [
  device(101, 1, "CONTOSO-DC01", "WINDOWS_SERVER", "CZC1234ABC"),
  device(102, 1, "CONTOSO-WS01", "WINDOWS_WORKSTATION", "5CG0011XYZ"),
  device(103, 1, "CONTOSO-WS02", "WINDOWS_WORKSTATION", "To Be Filled By O.E.M."),
  device(104, 1, "CONTOSO-MAC01", "MAC", "C02XK0AAJG5H"),
  device(201, 2, "FAB-SRV01", "WINDOWS_SERVER", "MXQ91100F2"),
  device(202, 2, "FAB-LT01", "WINDOWS_WORKSTATION", "PF2ABC12"),
  device(203, 2, "FAB-LT02", "WINDOWS_WORKSTATION", "Default string"),
  // The same serial on two devices (a re-imaged laptop enrolled twice): never used to match.
  device(301, 3, "NW-LT01", "WINDOWS_WORKSTATION", "R90DUP001"),
  device(302, 3, "NW-LT02", "WINDOWS_WORKSTATION", "R90DUP001"),
  device(303, 3, "NW-SRV01", "WINDOWS_SERVER", "VMware-42 1a 2b 3c 4d 5e 6f 70-81 92 a3 b4 c5 d6 e7 f8"),
  // Serials matching Acronis workloads and Intune devices of tenants with other names.
  device(401, 4, "TST-WS01", "WINDOWS_WORKSTATION", "TSP0000401"),
  device(402, 4, "TST-WS02", "WINDOWS_WORKSTATION", "TSP0000402"),
  device(403, 4, "TST-SRV01", "WINDOWS_SERVER", "TSP0000403"),
  device(404, 4, "TST-WS03", "WINDOWS_WORKSTATION", undefined, "TSPBIOS404"),
  device(501, 5, "ASH-WS01", "WINDOWS_WORKSTATION", "0000000000"),
  device(502, 5, "ASH-LNX01", "LINUX_SERVER", "ASH0000502"),
  device(601, 6, "ADATUM-WS01", "WINDOWS_WORKSTATION", "ADT0000601"),
];

export const DEMO_ESTATE: SeedEstate = { orgs: DEMO_ORGS, devices: DEMO_DEVICES };
