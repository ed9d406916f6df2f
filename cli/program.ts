/**
 * `codearts-console`: the commands on commander, and `run(argv, io)` → the exit code. Commander's own usage errors
 * (unknown command or option, a missing argument) exit 2; --help and --version exit 0.
 */
import { Command, CommanderError } from "commander";
import { registerAccount } from "./commands/account";
import { registerApprovals } from "./commands/approvals";
import { registerApps } from "./commands/apps";
import { registerDeploy } from "./commands/deploy";
import { registerLocks } from "./commands/locks";
import { registerRecords } from "./commands/records";
import { Context } from "./context";
import { EXIT, EXIT_HELP, type ExitCode } from "./exit-codes";
import type { Io } from "./io";
import { asCliError, reportError } from "./report";

const ENVIRONMENT_HELP = `Environment:
  CODEARTS_CONSOLE_URL          the console's URL (overrides the stored one)
  CODEARTS_CONSOLE_TOKEN        an API token (overrides the stored one; CI jobs need no login)
  CODEARTS_SECRET_<KEY>         the value of --secret KEY when stdin is not a terminal
  CODEARTS_CONSOLE_CONFIG_DIR   where config.json lives (default $XDG_CONFIG_HOME/codearts-console or ~/.config/codearts-console)
  DEBUG=codearts-console        each request and answer on stderr (never the token)`;

function buildProgram(ctx: Context): Command {
  const program = new Command("codearts-console")
    .description("Deploy with Huawei Cloud CodeArts Deploy through the CodeArts Deploy Console (its API, with an API token).")
    .version(ctx.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => ctx.out.out(s), writeErr: (s) => ctx.out.err(s) })
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError()
    .addHelpText("after", `\n${EXIT_HELP}\n\n${ENVIRONMENT_HELP}\n\nReference: docs/cli.md`);
  registerAccount(program, ctx);
  registerApps(program, ctx);
  registerDeploy(program, ctx);
  registerRecords(program, ctx);
  registerLocks(program, ctx);
  registerApprovals(program, ctx);
  return program;
}

/** Runs one command line (without the node and script arguments) and answers its exit code. */
export async function run(argv: readonly string[], io: Io, version: string): Promise<ExitCode> {
  const ctx = new Context(io, version);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === "commander.helpDisplayed" || err.code === "commander.version" ? EXIT.ok : EXIT.usage;
    }
    const e = asCliError(err);
    reportError(ctx.out, e, false);
    return e.exitCode;
  }
}
