import path from "node:path";
import { writeFileAtomic } from "../../../fs/atomic-write.js";
import { buildMappingFile, serializeMappingFile } from "../../../jobs/orgs/plan/mapping-file.js";
import { readLinksAndExclusions } from "../../../jobs/orgs/read.js";
import type { Context } from "../../context.js";

export interface OrgsMapExportOptions {
  file?: string;
}

export async function run(opts: OrgsMapExportOptions, ctx: Context): Promise<void> {
  const { links, exclusions } = await readLinksAndExclusions(await ctx.statePath(), "orgs map export", ctx.out);
  const file = buildMappingFile(links, exclusions);
  const text = serializeMappingFile(file);
  if (opts.file === undefined) {
    ctx.out.print(text);
    return;
  }
  // Meant for a git repository, so readable like any other source file.
  await writeFileAtomic(path.resolve(opts.file), text, { mode: 0o644 });
  if (ctx.json) ctx.out.printJson({ file: path.resolve(opts.file), written: true, acronis: file.acronis.length, m365: file.m365.length });
  ctx.out.outcome(`wrote ${file.acronis.length} Acronis and ${file.m365.length} M365 mappings to ${opts.file}`);
}
