#!/usr/bin/env node
// `npm run build:binary`: one executable with Node.js inside, for technicians without Node.
// Node's single-executable-application steps: bundle src/ into one CommonJS script (all Node 20
// runs from a blob), make the blob with --experimental-sea-config, and inject it with postject
// into a copy of the Node binary that runs this script. The result is for this OS and CPU only.
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { inject } from "postject";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "build", "binary");
const exe = path.join(outDir, process.platform === "win32" ? "ninja-bridge.exe" : "ninja-bridge");
const bundle = path.join(outDir, "ninja-bridge.cjs");
const blob = path.join(outDir, "sea-prep.blob");
const seaConfig = path.join(outDir, "sea-config.json");
// The fuse Node looks for to know a blob was injected (Node's SEA documentation).
const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));

/**
 * A native addon cannot live inside the blob, so the binary has no OS keychain: loading
 * @napi-rs/keyring fails with this reason, and the credential store falls back to the
 * environment and the credentials file, saying why (or refuses, when the keychain was required).
 */
const noNativeKeyring = {
  name: "no-native-keyring",
  setup(b) {
    b.onResolve({ filter: /^@napi-rs\/keyring$/ }, () => ({ path: "keyring", namespace: "no-native-keyring" }));
    b.onLoad({ filter: /.*/, namespace: "no-native-keyring" }, () => ({
      contents: `throw new Error("native modules cannot be embedded in the single binary; install the npm package to use the OS keychain");`,
      loader: "js",
    }));
  },
};

const step = (what) => console.error(`• ${what}`);
const started = Date.now();

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

step("bundling src/ into one CommonJS script (esbuild)");
await build({
  stdin: { contents: `import { run } from "./src/cli/main.ts";\nvoid run();\n`, resolveDir: root, loader: "ts", sourcefile: "sea-main.ts" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: bundle,
  define: { NINJA_BRIDGE_VERSION: JSON.stringify(version) },
  plugins: [noNativeKeyring],
  logLevel: "warning",
  // version.ts reads package.json through import.meta only when NINJA_BRIDGE_VERSION is not defined.
  logOverride: { "empty-import-meta": "silent" },
});

step(`making the blob (node ${process.version} --experimental-sea-config)`);
writeFileSync(seaConfig, `${JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }, null, 2)}\n`);
execFileSync(process.execPath, ["--experimental-sea-config", seaConfig], { stdio: "inherit" });

step(`injecting it into a copy of ${process.execPath} (postject)`);
copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
// macOS refuses to run a binary whose signature no longer matches; re-sign it ad hoc below.
if (process.platform === "darwin") execFileSync("codesign", ["--remove-signature", exe], { stdio: "inherit" });
// postject's ELF writer warns about Node's unnamed note sections; the binary is sound (nodejs/postject#83).
const warn = console.warn;
console.warn = (...args) => {
  if (!/Can't find string offset for section name/.test(String(args[0]))) warn(...args);
};
try {
  await inject(exe, "NODE_SEA_BLOB", readFileSync(blob), {
    sentinelFuse: SEA_FUSE,
    ...(process.platform === "darwin" ? { machoSegmentName: "NODE_SEA" } : {}),
  });
} finally {
  console.warn = warn;
}
if (process.platform === "darwin") execFileSync("codesign", ["--sign", "-", exe], { stdio: "inherit" });

for (const file of [bundle, blob, seaConfig]) rmSync(file);
step(`built ${path.relative(root, exe)} (${process.platform}-${process.arch}, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
