/** What kind of machine a NinjaOne device is, for `--role` and `--os`, from its node class (and OS name for VM guests). */

export type DeviceRole = "workstation" | "server" | "vm" | "network" | "other";
export type DeviceOs = "windows" | "mac" | "linux" | "other";

export const DEVICE_ROLES: readonly DeviceRole[] = ["workstation", "server", "vm", "network", "other"];
export const DEVICE_OSES: readonly DeviceOs[] = ["windows", "mac", "linux", "other"];
/** Machines the backup agent installs on; printers, switches and firewalls (NMS_*) are left out unless asked for. */
export const DEFAULT_ROLES: readonly DeviceRole[] = ["workstation", "server", "vm"];

const ROLE_OF: Readonly<Record<string, DeviceRole>> = {
  WINDOWS_WORKSTATION: "workstation",
  MAC: "workstation",
  LINUX_WORKSTATION: "workstation",
  WINDOWS_SERVER: "server",
  LINUX_SERVER: "server",
  MAC_SERVER: "server",
  VMWARE_VM_GUEST: "vm",
  HYPERV_VMM_GUEST: "vm",
};

export function roleOf(nodeClass: string): DeviceRole {
  if (nodeClass.startsWith("NMS_")) return "network";
  return ROLE_OF[nodeClass] ?? "other";
}

export function osOf(nodeClass: string, osName: string | null | undefined): DeviceOs {
  if (nodeClass.startsWith("WINDOWS_")) return "windows";
  if (nodeClass.startsWith("MAC")) return "mac";
  if (nodeClass.startsWith("LINUX_")) return "linux";
  const name = (osName ?? "").toLowerCase();
  if (name.includes("windows")) return "windows";
  if (name.includes("mac")) return "mac";
  if (/linux|ubuntu|debian|centos|red hat|rhel|suse/.test(name)) return "linux";
  return "other";
}

/** The OS names NinjaOne's script list uses for each of ours. */
export const SCRIPT_OS: Readonly<Record<DeviceOs, string | undefined>> = { windows: "WINDOWS", mac: "MAC", linux: "LINUX", other: undefined };
