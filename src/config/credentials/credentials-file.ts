import { promises as fs } from "node:fs";
import path from "node:path";
import { CredentialError } from "../../errors.js";
import { writeFileAtomic } from "../../fs/atomic-write.js";
import type { Logger } from "../../log.js";
import { credentialsDocumentSchema, emptyDocument, type CredentialsDocument } from "./credentials-document.js";

export const CREDENTIALS_FILE_NAME = "credentials.json";
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

function damaged(file: string, reason: string): CredentialError {
  return new CredentialError(`credentials file ${file} is damaged: ${reason}`, {
    hint: "fix it or remove it and store the secrets again; it was left untouched",
  });
}

/**
 * The plaintext fallback store. Reads validate the whole file and refuse a damaged one
 * rather than replace it (it may hold the only copy of a secret); a file others can read
 * is tightened to 0600 with a warning.
 */
export class CredentialsFile {
  constructor(
    readonly file: string,
    private readonly logger: Logger,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  async read(): Promise<CredentialsDocument> {
    let text: string;
    try {
      text = await fs.readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyDocument();
      throw new CredentialError(`cannot read credentials file ${this.file}: ${(error as Error).message}`, { cause: error });
    }
    await this.tightenMode();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      // V8 quotes the text around the fault in its message, which here may be a secret: keep only where.
      const at = /position (\d+)/.exec((error as Error).message)?.[1];
      throw damaged(this.file, at === undefined ? "not valid JSON" : `not valid JSON at character ${at}`);
    }
    const parsed = credentialsDocumentSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      throw damaged(this.file, `${issue?.message ?? "unexpected content"}${where}`);
    }
    return parsed.data;
  }

  async write(doc: CredentialsDocument): Promise<void> {
    // mkdir's mode is only narrowed by the umask, so new directories end up 0700.
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: DIR_MODE });
    await writeFileAtomic(this.file, `${JSON.stringify(doc, null, 2)}\n`, { mode: FILE_MODE });
  }

  private async tightenMode(): Promise<void> {
    // Windows has no POSIX modes; the file inherits the profile folder's ACL there.
    if (this.platform === "win32") return;
    const mode = (await fs.stat(this.file)).mode & 0o777;
    if ((mode & 0o077) === 0) return;
    this.logger.warn(
      `credentials file ${this.file} was accessible to other users (mode ${mode.toString(8).padStart(4, "0")}); changed it to 0600`,
    );
    await fs.chmod(this.file, FILE_MODE);
  }
}
