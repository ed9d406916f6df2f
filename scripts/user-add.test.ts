import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../lib/server/db/connect";
import { loadDatabaseConfig } from "../lib/server/env-schema";
import { findUserByEmail } from "../lib/server/db/users";
import { verifyPassword } from "../lib/server/auth/password";

const dataDir = mkdtempSync(join(tmpdir(), "user-add-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run user:add` as a user runs it, the password piped on stdin. */
function userAdd(args: string[], stdin: string) {
  // The script's own database: DATA_DIR's SQLite file, whatever DATABASE_URL the test run has.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "" };
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/user-add.ts", ...args], {
    input: stdin,
    env: { ...env, DATA_DIR: dataDir },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function storedHash(email: string) {
  const db = openDatabase(loadDatabaseConfig({ DATA_DIR: dataDir }));
  try {
    return (await findUserByEmail(db, email))?.password_hash ?? null;
  } finally {
    await db.destroy();
  }
}

describe("npm run user:add with a piped password", () => {
  it("takes the first line: `printf 'pw\\npw\\n' |` sets pw, not a password with a newline in it", async () => {
    const r = userAdd(["--email", "piped@example.com", "--role", "viewer"], "correct-horse-battery\ncorrect-horse-battery\n");
    expect(r.out).toContain("Created piped@example.com");
    expect(r.status).toBe(0);
    const hash = await storedHash("piped@example.com");
    expect(hash).not.toBeNull();
    expect(await verifyPassword(hash ?? "", "correct-horse-battery")).toBe(true);
    expect(await verifyPassword(hash ?? "", "correct-horse-battery\ncorrect-horse-battery")).toBe(false);
  }, 90_000);

  it("takes a CRLF line without its CR, and refuses a line break inside the line (nothing is created)", async () => {
    const crlf = userAdd(["--email", "crlf@example.com"], "windows-line-ending\r\n");
    expect(crlf.status).toBe(0);
    expect(await verifyPassword((await storedHash("crlf@example.com")) ?? "", "windows-line-ending")).toBe(true);

    const broken = userAdd(["--email", "broken@example.com"], "half-a-password\rother-half\n");
    expect(broken.status).toBe(1);
    expect(broken.out).toContain("must not contain a line break; nothing was changed");
    expect(await storedHash("broken@example.com")).toBeNull();
  }, 90_000);
});
