import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/run-cli.js";

/**
 * The layers of src/, lowest first. A module may import its own layer and the ones below it,
 * never one above: a client that imported a job could not be reused by the next job, and a
 * job that imported the CLI could not run under `sync`.
 */
const LAYERS = ["(root)", "fs", "http", "state", "config", "clients", "auth", "jobs", "cli"] as const;
const SRC = path.join(REPO_ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** `src/jobs/fields/plan/x.ts` → ["jobs", "fields", "plan", "x.ts"]. */
function parts(file: string): string[] {
  return path.relative(SRC, file).split(path.sep);
}

function layerOf(file: string): string {
  const p = parts(file);
  return p.length === 1 ? "(root)" : (p[0] ?? "");
}

/** Every relative import of a file, static or dynamic, as the .ts file it names. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import\()\s*"(\.\.?\/[^"]+)"/g)].map((m) => path.resolve(path.dirname(file), (m[1] ?? "").replace(/\.js$/, ".ts")));
}

const FILES = sourceFiles(SRC);
const EDGES = FILES.flatMap((from) => importsOf(from).map((to) => ({ from, to })));
const show = (e: { from: string; to: string }) => `${path.relative(REPO_ROOT, e.from)} imports ${path.relative(REPO_ROOT, e.to)}`;

describe("the layers of src/", () => {
  it("reads a real tree", () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(EDGES.length).toBeGreaterThan(500);
  });

  it("has no import that climbs to a higher layer", () => {
    const rank = (file: string) => LAYERS.indexOf(layerOf(file) as (typeof LAYERS)[number]);
    const upward = EDGES.filter((e) => layerOf(e.from) !== "sandbox" && layerOf(e.to) !== "sandbox" && rank(e.to) > rank(e.from));
    expect(upward.map(show)).toEqual([]);
  });

  it("knows the layer of every folder", () => {
    const unknown = [...new Set(FILES.map(layerOf))].filter((l) => l !== "sandbox" && !(LAYERS as readonly string[]).includes(l));
    expect(unknown).toEqual([]);
  });

  it("keeps the sandbox apart: it imports no product code, and only the CLI starts it", () => {
    const fromSandbox = EDGES.filter((e) => layerOf(e.from) === "sandbox" && !["sandbox", "(root)"].includes(layerOf(e.to)));
    const intoSandbox = EDGES.filter((e) => layerOf(e.to) === "sandbox" && !["sandbox", "cli"].includes(layerOf(e.from)));
    expect([...fromSandbox, ...intoSandbox].map(show)).toEqual([]);
  });
});

const CLI = path.join(SRC, "cli");
const inCli = (file: string) => file.startsWith(CLI + path.sep);

/** Each import circle of a graph, as the files around it (first = last); a depth-first walk. */
function circlesOf(files: readonly string[], edges: ReadonlyArray<{ from: string; to: string }>): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const circles: string[][] = [];
  const done = new Set<string>();
  const trail: string[] = [];
  const visit = (file: string): void => {
    trail.push(file);
    for (const to of next.get(file) ?? []) {
      const at = trail.indexOf(to);
      if (at >= 0) circles.push([...trail.slice(at), to]);
      else if (!done.has(to)) visit(to);
    }
    trail.pop();
    done.add(file);
  };
  for (const file of files) if (!done.has(file)) visit(file);
  return circles;
}

/**
 * Command files other helpers of issue 15 are converting on their own branches (provision's
 * flag type in its registering file, tickets' direct prompts). Each line goes once its file
 * has moved: the last test below fails until it does.
 */
/** `src/jobs/fields/plan/x.ts` → "fields"; "(top)" for src/jobs/job.ts; undefined outside src/jobs. */
function jobFolderOf(file: string): string | undefined {
  const p = parts(file);
  if (p[0] !== "jobs") return undefined;
  return p.length === 2 ? "(top)" : p[1];
}

describe("the jobs", () => {
  const jobEdges = EDGES.filter((e) => jobFolderOf(e.from) !== undefined && jobFolderOf(e.to) !== undefined && jobFolderOf(e.from) !== jobFolderOf(e.to));

  it("each keep to their own folder: a job imports only src/jobs/shared and job.ts, never another job", () => {
    const across = jobEdges.filter((e) => !["shared", "(top)", "sync"].includes(jobFolderOf(e.from) ?? "") && !["shared", "(top)"].includes(jobFolderOf(e.to) ?? ""));
    expect(across.map(show)).toEqual([]);
  });

  it("share code through src/jobs/shared, which imports no job", () => {
    const upward = jobEdges.filter((e) => jobFolderOf(e.from) === "shared" && jobFolderOf(e.to) !== "(top)");
    expect(upward.map(show)).toEqual([]);
  });

  it("are reached by sync only through the registry, each job as one object", () => {
    const reached = jobEdges.filter((e) => jobFolderOf(e.from) === "sync" && !["shared", "(top)"].includes(jobFolderOf(e.to) ?? "")).filter((e) => path.basename(e.to) !== "index.ts" || path.basename(e.from) !== "sync-jobs.ts");
    expect(reached.map(show)).toEqual([]);
  });
});

describe("the modules of src/cli", () => {
  it("finds a circle where there is one", () => {
    expect(circlesOf(["a", "b", "c"], [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "b" }])).toEqual([["b", "c", "b"]]);
  });

  it("import no circle: a verb's module never imports the file that registers it", () => {
    const circles = circlesOf(FILES.filter(inCli), EDGES.filter((e) => inCli(e.from) && inCli(e.to)));
    const shown = circles.map((c) => c.map((f) => path.relative(REPO_ROOT, f)).join(" → "));
    expect(shown).toEqual([]);
  });

  it("leave prompts and terminal checks to src/cli/io.ts", () => {
    const io = path.join(CLI, "io.ts");
    const offenders = FILES.filter((f) => f !== io).flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return [
        ...(/(?:from|import\()\s*"@inquirer\/prompts"/.test(text) ? [`${path.relative(REPO_ROOT, file)} imports @inquirer/prompts`] : []),
        ...(/\bisTTY\b/.test(text) ? [`${path.relative(REPO_ROOT, file)} reads isTTY`] : []),
      ];
    });
    expect(offenders).toEqual([]);
  });
});
