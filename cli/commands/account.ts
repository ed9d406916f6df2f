/** login, logout, whoami: the stored sign-in and who the token acts as. */
import type { Command } from "commander";
import type { Me } from "../../lib/schemas/access";
import { configFile, isInsecure, normaliseUrl, readConfig, removeConfig, writeConfig } from "../config";
import type { Context } from "../context";
import { usageError } from "../exit-codes";
import { fields } from "../format";
import { readToken } from "../secrets";

/** What the token may do, in one phrase: `token "ci" (deployer, all apps)`. */
function tokenPhrase(me: Me): string {
  if (!me.token) return "a browser session";
  const apps = me.token.taskIds === null ? "all apps" : `${me.token.taskIds.length} app${me.token.taskIds.length === 1 ? "" : "s"}`;
  return `token "${me.token.name}" (${me.token.role}, ${apps})`;
}

export function registerAccount(program: Command, ctx: Context) {
  program
    .command("login")
    .description("check an API token with the console and store it, with the console's URL, for the next commands")
    .option("--url <url>", "the console's URL (default: CODEARTS_CONSOLE_URL, or the stored one)")
    .option("--token <token>", "the API token (default: CODEARTS_CONSOLE_TOKEN; else prompted without echo, or the first line of stdin)")
    .option("--json", "print the result as JSON")
    .addHelpText("after", "\nExample:\n  codearts-console login --url https://deploy-console.example.com < token.txt")
    .action((opts: { url?: string; token?: string; json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const raw = opts.url ?? ctx.io.env.url ?? readConfig(ctx.io.env.configDir).url;
        if (!raw) throw usageError("url_missing", "Which console? Pass --url https://… (or set CODEARTS_CONSOLE_URL).");
        const url = normaliseUrl(raw);
        const token = await readToken(ctx.io, opts.token);
        const { body: me } = await ctx.clientFor(url, token).call("GET /api/me", {});
        const file = writeConfig(ctx.io.env.configDir, { url, token });
        if (isInsecure(url)) ctx.out.err(`warning: ${url} is plain http: the token travels unencrypted. Use https.\n`);
        if (opts.json) ctx.out.json({ url, configFile: file, user: me.user, token: me.token });
        else ctx.out.line(`Signed in to ${url} as ${me.user.name} <${me.user.email}> with ${tokenPhrase(me)}.\nStored in ${file} (readable by you only).`);
      }),
    );

  program
    .command("logout")
    .description("forget the stored sign-in (the token itself stays valid until it expires or is revoked)")
    .action(() =>
      ctx.run(false, async () => {
        const file = configFile(ctx.io.env.configDir);
        ctx.out.line(removeConfig(ctx.io.env.configDir) ? `Signed out: removed ${file}.` : `Not signed in (no ${file}).`);
        ctx.out.line("Revoke the token on the console's Tokens page if no one should use it any more.");
        if (ctx.io.env.token) ctx.out.err("note: CODEARTS_CONSOLE_TOKEN is set in this environment; commands still use it.\n");
      }),
    );

  program
    .command("whoami")
    .description("who the token acts as, and with what rights")
    .option("--json", "print GET /api/me as JSON")
    .action((opts: { json?: boolean }) =>
      ctx.run(!!opts.json, async () => {
        const client = ctx.client();
        const { body: me } = await client.call("GET /api/me", {});
        if (opts.json) return ctx.out.json({ url: client.baseUrl, ...me });
        const grants = me.grants.map(
          (g) => `${g.role} on ${g.appId === "*" ? "all apps" : (g.appName ?? g.appId)}${g.teamName ? ` (team ${g.teamName})` : ""}`,
        );
        ctx.out.line(
          fields([
            ["user", `${me.user.name} <${me.user.email}>${me.user.isAdmin ? " (admin)" : ""}`],
            ["via", tokenPhrase(me)],
            ["console", client.baseUrl],
            ["grants", grants.length > 0 ? grants.join("; ") : "none"],
          ]),
        );
      }),
    );
}
