import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configFile, normaliseUrl, readConfig, resolveSignIn, writeConfig } from "./config";
import { readEnv } from "./env";
import { EXIT } from "./exit-codes";
import { run } from "./program";
import { SIGNED_IN, TOKEN, URL_, fakeConsole, fakeIo } from "./testing/fake-console";

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "codearts-cli-"));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const mode = (path: string) => statSync(path).mode & 0o777;
const me = {
  user: { id: "u1", email: "dev@example.test", name: "Dev", isAdmin: false, provider: "token" },
  token: { id: "t1", name: "ci", role: "deployer", taskIds: null },
  grants: [],
};

describe("config file", () => {
  it("is written 0600 in a 0700 directory, and read back", () => {
    const dir = join(tempDir(), "nested", "codearts-console");
    const file = writeConfig(dir, { url: URL_, token: TOKEN });
    expect(mode(file)).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(readConfig(dir)).toEqual({ url: URL_, token: TOKEN });
  });

  it("an existing file with looser permissions is replaced by a 0600 one", () => {
    const dir = tempDir();
    writeFileSync(configFile(dir), "{}", { mode: 0o644 });
    writeConfig(dir, { url: URL_, token: TOKEN });
    expect(mode(configFile(dir))).toBe(0o600);
  });

  it("the environment overrides the stored URL and token", () => {
    const dir = tempDir();
    writeConfig(dir, { url: "https://stored.example.test", token: "cdc_stored" });
    expect(resolveSignIn(readEnv({ CODEARTS_CONSOLE_CONFIG_DIR: dir }))).toEqual({ url: "https://stored.example.test", token: "cdc_stored" });
    expect(resolveSignIn(readEnv({ CODEARTS_CONSOLE_CONFIG_DIR: dir, CODEARTS_CONSOLE_TOKEN: TOKEN }))).toEqual({
      url: "https://stored.example.test",
      token: TOKEN,
    });
  });

  it("lives in $XDG_CONFIG_HOME/codearts-console, else ~/.config/codearts-console", () => {
    expect(readEnv({ XDG_CONFIG_HOME: "/x" }).configDir).toBe("/x/codearts-console");
    expect(readEnv({}, () => "/home/me").configDir).toBe("/home/me/.config/codearts-console");
    expect(readEnv({ CODEARTS_CONSOLE_CONFIG_DIR: "/t", XDG_CONFIG_HOME: "/x" }).configDir).toBe("/t");
  });

  it.each([
    ["https://console.example.test/", "https://console.example.test"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["https://example.test/deploy/", "https://example.test/deploy"],
  ])("normalises %s", (raw, url) => expect(normaliseUrl(raw)).toBe(url));

  it.each(["console.example.test", "ftp://x.test", "https://u:p@x.test"])("refuses %s", (raw) => expect(() => normaliseUrl(raw)).toThrow());
});

describe("login / logout", () => {
  it("checks the token from stdin with GET /api/me, then stores it 0600; the token is never printed", async () => {
    const dir = tempDir();
    const fake = fakeConsole({ "GET /api/me": () => ({ body: me }) });
    const { io, stdout, stderr } = fakeIo({ fetch: fake.fetch, configDir: dir, stdin: `${TOKEN}\n` });
    expect(await run(["login", "--url", `${URL_}/`], io, "test")).toBe(EXIT.ok);
    expect(fake.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(readFileSync(configFile(dir), "utf8"))).toEqual({ url: URL_, token: TOKEN });
    expect(mode(configFile(dir))).toBe(0o600);
    expect(stdout.text).toContain('as Dev <dev@example.test> with token "ci" (deployer, all apps)');
    expect(stdout.text + stderr.text).not.toContain(TOKEN);
  });

  it("stores nothing when the console refuses the token (exit 5)", async () => {
    const dir = tempDir();
    const fake = fakeConsole({ "GET /api/me": () => ({ status: 401, body: { error: { code: "token_invalid", message: "not a console API token" } } }) });
    const { io, stderr } = fakeIo({ fetch: fake.fetch, configDir: dir, env: { CODEARTS_CONSOLE_TOKEN: "cdc_short" } });
    expect(await run(["login", "--url", URL_], io, "test")).toBe(EXIT.unauthenticated);
    expect(stderr.text).toContain("error token_invalid: not a console API token");
    expect(readConfig(dir)).toEqual({});
  });

  it("logout removes the file; the next command is not signed in (exit 5)", async () => {
    const dir = tempDir();
    writeConfig(dir, { url: URL_, token: TOKEN });
    const { io, stderr } = fakeIo({ fetch: fakeConsole({}).fetch, configDir: dir });
    expect(await run(["logout"], io, "test")).toBe(EXIT.ok);
    expect(readConfig(dir)).toEqual({});
    expect(await run(["whoami"], io, "test")).toBe(EXIT.unauthenticated);
    expect(stderr.text).toContain("error not_signed_in:");
  });

  it("whoami --json carries no token", async () => {
    const fake = fakeConsole({ "GET /api/me": () => ({ body: me }) });
    const { io, stdout } = fakeIo({ fetch: fake.fetch, env: SIGNED_IN });
    expect(await run(["whoami", "--json"], io, "test")).toBe(EXIT.ok);
    expect(JSON.parse(stdout.text)).toMatchObject({ url: URL_, user: { email: "dev@example.test" }, token: { name: "ci" } });
    expect(stdout.text).not.toContain(TOKEN);
  });
});
