import path from "node:path";
import { writeFileAtomic } from "../../../fs/atomic-write.js";
import { JobSession } from "../../../jobs/shared/session.js";
import { buildAccessFile, serializeAccessFile } from "../../../jobs/users/plan/access-file.js";
import { instanceKeyOf, readSnapshot } from "../../../jobs/users/read.js";
import { plural } from "../../../plural.js";
import type { Context } from "../../context.js";

export interface UsersExportOptions {
  file?: string;
}

export async function run(opts: UsersExportOptions, ctx: Context): Promise<void> {
  const ninja = await new JobSession(ctx).ninjaone();
  ctx.out.info("reading NinjaOne technicians, end users and roles…");
  const snapshot = await readSnapshot(ninja.http);
  const file = buildAccessFile(snapshot, instanceKeyOf(ninja.baseUrl, snapshot));
  const text = serializeAccessFile(file);
  if (opts.file === undefined) {
    ctx.out.print(text.trimEnd());
    return;
  }
  // Meant for a git repository, so readable like any other source file.
  await writeFileAtomic(path.resolve(opts.file), text, { mode: 0o644 });
  if (ctx.json) ctx.out.printJson({ file: path.resolve(opts.file), written: true, roles: file.roles.length, endUsers: file.endUsers.length });
  ctx.out.outcome(`wrote ${plural(file.roles.length, "role")} and ${plural(file.endUsers.length, "end user")} to ${opts.file}`);
}
