/** One `NAME=value` line of an environment file. */
export interface EnvLine {
  name: string;
  value: string;
}

/** Read the same by a shell (`set -a; . F`), systemd's EnvironmentFile and docker's --env-file. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]*$/;

/**
 * The text of an environment file. Plain values are written as they are; any other value is
 * single-quoted, which shells and systemd read back exactly, but docker's --env-file takes
 * literally: those names are returned so the caller can say so. A line break cannot be
 * carried by any of the three, so it is refused.
 */
export function renderEnvFile(header: string[], lines: EnvLine[]): { text: string; quoted: string[] } {
  const quoted: string[] = [];
  const body = lines.map(({ name, value }) => {
    if (/[\r\n]/.test(value)) throw new Error(`${name} holds a line break, which an environment file cannot carry`);
    if (PLAIN.test(value)) return `${name}=${value}`;
    quoted.push(name);
    return `${name}='${value.replace(/'/g, `'\\''`)}'`;
  });
  return { text: [...header.map((h) => `# ${h}`), ...body, ""].join("\n"), quoted };
}
