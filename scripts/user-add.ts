// `npm run user:add -- --email ada@example.com --role admin [--name "Ada Lovelace"] [--update]`
// Creates a local account in the console database (DATABASE_URL / DATA_DIR, migrated first). The password comes
// from a hidden prompt on a terminal, or from stdin when piped — never from the command line, where it would
// land in the shell history and the process list.
import { parseArgs } from "node:util";
import { emailSchema, passwordSchema } from "../lib/schemas/admin";
import { ROLES, type Role } from "../lib/schemas/access";
import { hashPassword } from "../lib/server/auth/password";
import { openDatabase } from "../lib/server/db/connect";
import { migrateToLatest } from "../lib/server/db/migrate";
import { createUser, findUserByEmail, updateUser } from "../lib/server/db/users";
import { EnvError, loadDatabaseConfig } from "../lib/server/env-schema";

const USAGE = 'usage: npm run user:add -- --email <address> [--role viewer|deployer|admin] [--name "<name>"] [--update]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const onData = (chunk: string) => {
      for (const c of chunk) {
        if (c === "\r" || c === "\n") {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off("data", onData);
          process.stdout.write("\n");
          resolve(value);
          return;
        }
        if (c === "\u0003") {
          stdin.setRawMode(false);
          process.stdout.write("\n");
          process.exit(130);
        }
        if (c === "\u007f" || c === "\b") value = value.slice(0, -1);
        else value += c;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden("Password: ");
    const second = await promptHidden("Repeat the password: ");
    if (first !== second) fail("The passwords differ; nothing was changed.");
    return first;
  }
  // Piped: the first line is the password (`printf 'pw\npw\n' |` as for passwd is one password, not "pw\npw").
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return firstLine(Buffer.concat(chunks).toString("utf8"));
}

/** The text up to its first line feed, without the CR of a CRLF. A lone CR stays (and is refused as a line break). */
function firstLine(text: string): string {
  const end = text.indexOf("\n");
  const line = end === -1 ? text : text.slice(0, end);
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: { email: { type: "string" }, role: { type: "string" }, name: { type: "string" }, update: { type: "boolean" }, password: { type: "string" } },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  if (args.password !== undefined) fail("Passwords are not taken from the command line: type it at the prompt or pipe it on stdin.");
  const email = emailSchema.safeParse(args.email ?? "");
  if (!email.success) fail(`--email: ${args.email ? "not an e-mail address" : "required"}\n${USAGE}`);
  const role = args.role === undefined || args.role === "none" ? null : (args.role as Role);
  if (role !== null && !ROLES.includes(role)) fail(`--role: must be one of ${ROLES.join(", ")} (or none)\n${USAGE}`);

  let config;
  try {
    config = loadDatabaseConfig(process.env);
  } catch (err) {
    fail(err instanceof EnvError ? err.message : String(err));
  }
  const db = openDatabase(config);
  try {
    await migrateToLatest(db);
    const existing = await findUserByEmail(db, email.data);
    if (existing && !args.update) fail(`${email.data} already exists; add --update to set a new password${role ? " and role" : ""}.`);
    const password = await readPassword();
    const checked = passwordSchema.safeParse(password);
    if (!checked.success) fail(`The password ${checked.error.issues[0]?.message ?? "is not valid"}; nothing was changed.`);
    const passwordHash = await hashPassword(password);
    if (existing) {
      await updateUser(db, existing.id, { passwordHash, ...(args.role !== undefined ? { role } : {}), ...(args.name ? { name: args.name } : {}) });
      console.log(`Updated ${email.data}${args.role !== undefined ? ` (role: ${role ?? "none"})` : ""}.`);
    } else {
      const name = args.name?.trim() || email.data.split("@")[0] || email.data;
      await createUser(db, { email: email.data, name, passwordHash, role, source: "local" });
      console.log(`Created ${email.data} (role: ${role ?? "none"}) in the ${config.kind === "postgres" ? "PostgreSQL" : "SQLite"} database.`);
    }
  } finally {
    await db.destroy();
  }
}

await main();
