import { Argument, type Command } from "commander";
import { COMPLETION_SHELLS } from "../../completion.js";
import { lazyAction, type ContextFactory } from "../../lazy-command.js";
import type { CompletionOptions } from "./completion.js";

export function registerCompletionCommand(program: Command, context: ContextFactory): void {
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
    .action(
      // The script is generated from the program's own command tree, which only registration holds.
      lazyAction<Omit<CompletionOptions, "program">>(context, async () => {
        const verb = await import("./completion.js");
        return { run: (options, ctx) => verb.run({ ...options, program }, ctx) };
      }),
    );
}
