import os from "node:os";
import path from "node:path";

const APP = "ninja-bridge";

export interface PlatformEnv {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

/** This machine, with the environment the command runs under (tests pass their own). */
export function platformEnv(env: NodeJS.ProcessEnv = process.env): PlatformEnv {
  return { platform: process.platform, env, home: os.homedir() };
}

const current = (): PlatformEnv => platformEnv();

/**
 * Where profiles and settings live. `NINJA_BRIDGE_CONFIG_DIR` overrides it, so tests and
 * portable installs never touch the user's real folders.
 */
export function configDir(p: PlatformEnv = current()): string {
  const override = p.env.NINJA_BRIDGE_CONFIG_DIR;
  if (override) return path.resolve(override);
  if (p.platform === "win32") {
    const appData = p.env.APPDATA ?? path.join(p.home, "AppData", "Roaming");
    return path.win32.join(appData, APP, "Config");
  }
  if (p.platform === "darwin") return path.join(p.home, "Library", "Preferences", APP);
  return path.join(p.env.XDG_CONFIG_HOME || path.join(p.home, ".config"), APP);
}

/** Where state files live (one per profile). `NINJA_BRIDGE_DATA_DIR` overrides it. */
export function dataDir(p: PlatformEnv = current()): string {
  const override = p.env.NINJA_BRIDGE_DATA_DIR;
  if (override) return path.resolve(override);
  if (p.platform === "win32") {
    const localAppData = p.env.LOCALAPPDATA ?? path.join(p.home, "AppData", "Local");
    return path.win32.join(localAppData, APP, "Data");
  }
  if (p.platform === "darwin") return path.join(p.home, "Library", "Application Support", APP);
  return path.join(p.env.XDG_DATA_HOME || path.join(p.home, ".local", "share"), APP);
}

/** Profile names become file names, so keep them to a portable alphabet. */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function defaultStatePath(profile: string, p: PlatformEnv = current()): string {
  const join = p.platform === "win32" ? path.win32.join : path.join;
  return join(dataDir(p), `state-${profile}.json`);
}
