import { Argument, type Command } from "commander";
import { COMPLETION_SHELLS } from "../completion.js";
import type { Context } from "../context.js";

export function registerCompletionCommand(program: Command, context: (cmd: Command) => Context): void {
  program
    .command("completion")
    .description("print a shell completion script, generated from this version's commands and flags")
    .addArgument(new Argument("<shell>", "the shell to complete in").choices(COMPLETION_SHELLS))
    .addHelpText(
      "after",
      `
Install (then open a new shell):
  bash        ninja-bridge completion bash > ~/.local/share/bash-completion/completions/ninja-bridge
  zsh         ninja-bridge completion zsh > "\${fpath[1]}/_ninja-bridge"   (or: source <(ninja-bridge completion zsh) in ~/.zshrc)
  fish        ninja-bridge completion fish > ~/.config/fish/completions/ninja-bridge.fish
  powershell  ninja-bridge completion powershell | Out-String | Invoke-Expression   (add it to $PROFILE to keep it)`,
    )
    .action(async (shell: (typeof COMPLETION_SHELLS)[number], _opts: unknown, cmd: Command) => {
      const { completionScript } = await import("../completion.js");
      const root = cmd.parent ?? cmd;
      context(cmd).out.print(completionScript(shell, root));
    });
}
