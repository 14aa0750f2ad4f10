/**
 * Questions for a person at a terminal. Only called when Output.canPrompt says a person is
 * there; @inquirer/prompts loads only then, and writes to stderr so stdout stays data.
 */

export async function promptSecret(message: string): Promise<string> {
  const { password } = await import("@inquirer/prompts");
  return password({ message, mask: "*", validate: (v) => v.trim() !== "" || "required" }, { output: process.stderr });
}

export async function promptText(message: string): Promise<string> {
  const { input } = await import("@inquirer/prompts");
  return input({ message, validate: (v) => v.trim() !== "" || "required" }, { output: process.stderr });
}
