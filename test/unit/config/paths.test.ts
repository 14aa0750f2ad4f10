import { describe, expect, it } from "vitest";
import { configDir, dataDir, defaultStatePath } from "../../../src/config/paths.js";

const linux = { platform: "linux" as const, home: "/home/tech", env: {} };

describe("config and data directories", () => {
  it("follow XDG on Linux", () => {
    expect(configDir(linux)).toBe("/home/tech/.config/ninja-bridge");
    expect(dataDir({ ...linux, env: { XDG_DATA_HOME: "/srv/data" } })).toBe("/srv/data/ninja-bridge");
  });

  it("use Library folders on macOS", () => {
    const mac = { platform: "darwin" as const, home: "/Users/tech", env: {} };
    expect(configDir(mac)).toBe("/Users/tech/Library/Preferences/ninja-bridge");
    expect(dataDir(mac)).toBe("/Users/tech/Library/Application Support/ninja-bridge");
  });

  it("use APPDATA and LOCALAPPDATA with backslashes on Windows", () => {
    const win = {
      platform: "win32" as const,
      home: "C:\\Users\\tech",
      env: { APPDATA: "C:\\Users\\tech\\AppData\\Roaming", LOCALAPPDATA: "C:\\Users\\tech\\AppData\\Local" },
    };
    expect(configDir(win)).toBe("C:\\Users\\tech\\AppData\\Roaming\\ninja-bridge\\Config");
    expect(defaultStatePath("acme", win)).toBe("C:\\Users\\tech\\AppData\\Local\\ninja-bridge\\Data\\state-acme.json");
  });

  it("are moved by NINJA_BRIDGE_CONFIG_DIR and NINJA_BRIDGE_DATA_DIR", () => {
    const env = { NINJA_BRIDGE_CONFIG_DIR: "/tmp/nb/config", NINJA_BRIDGE_DATA_DIR: "/tmp/nb/data" };
    expect(configDir({ ...linux, env })).toBe("/tmp/nb/config");
    expect(defaultStatePath("default", { ...linux, env })).toBe("/tmp/nb/data/state-default.json");
  });
});
