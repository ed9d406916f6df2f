/**
 * The CLI as a CI job runs it: the real `codearts-console` process (bin/codearts-console.mjs) against the real console
 * and the simulator, with API tokens made through the console's own POST /api/tokens. It signs in, deploys with -p
 * and --wait, follows a log, rolls back to a release number with a reason the ledger keeps, is refused with the
 * console's codes (exit 3, the cloud never called) and with revoked or malformed tokens (exit 5) — and never prints
 * the token.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SEED } from "../lib/codearts/simulator/seed";
import { CONSOLE_URL } from "../playwright.config";
import { apiAs, expect, test } from "./fixtures";
import { runSql } from "./ledger-helpers";
import { PROTECTED_APP } from "./users";

const { orders, inventory } = SEED.apps;
const BIN = fileURLToPath(new URL("../bin/codearts-console.mjs", import.meta.url));
const origin = { origin: CONSOLE_URL };
type Playwright = Parameters<typeof apiAs>[0];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Everything any CLI run printed in this file: checked for the tokens at the end of each test. */
const printed: string[] = [];

/** Runs the CLI in a process of its own. */
function cli(args: string[], opts: { dir: string; env?: Record<string, string>; stdin?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      // Nothing of this machine's own sign-in: a home and a config directory of the test's own, no token variables.
      env: {
        ...process.env,
        HOME: opts.dir,
        XDG_CONFIG_HOME: undefined,
        CODEARTS_CONSOLE_URL: undefined,
        CODEARTS_CONSOLE_TOKEN: undefined,
        DEBUG: undefined,
        CODEARTS_CONSOLE_CONFIG_DIR: join(opts.dir, "config"),
        ...opts.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 100_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      printed.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? "");
  });
}

/** A token of dev@ (a deployer on DEV_APPS), made as the Tokens page makes one. */
async function createToken(playwright: Playwright, role: "viewer" | "deployer", name: string): Promise<{ id: string; secret: string }> {
  const dev = await apiAs(playwright, "dev");
  try {
    const r = await dev.post("/api/tokens", { data: { name, expiresInDays: 1, role, taskIds: null }, headers: origin });
    expect(r.status(), await r.text()).toBe(201);
    const { token, secret } = (await r.json()) as { token: { id: string }; secret: string };
    expect(secret).toMatch(/^cdc_[A-Za-z0-9_-]{43}$/);
    return { id: token.id, secret };
  } finally {
    await dev.dispose();
  }
}

const startsOf = async (sim: { calls(): Promise<{ starts: { taskId: string; body: unknown }[] }> }) => (await sim.calls()).starts;
const stamp = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

let dir: string;
const secrets: string[] = [];

test.beforeEach(async ({ sim }) => {
  await sim.reset();
  dir = mkdtempSync(join(tmpdir(), "codearts-cli-e2e-"));
});

test.afterEach(() => {
  for (const s of secrets.splice(0)) for (const text of printed) expect(text).not.toContain(s);
  printed.length = 0;
  rmSync(dir, { recursive: true, force: true });
});

test("login, deploy with -p and --wait, follow a log, roll back to '#N' with a reason the ledger keeps", async ({ playwright, sim }) => {
  test.setTimeout(180_000);
  const { secret } = await createToken(playwright, "deployer", `cli e2e ${stamp()}`);
  secrets.push(secret);

  // login: the token from stdin, checked, stored 0600.
  const login = await cli(["login", "--url", CONSOLE_URL], { dir, stdin: `${secret}\n` });
  expect(login.code, login.stderr).toBe(0);
  expect(login.stdout).toContain("Signed in to");
  expect(statSync(join(dir, "config", "config.json")).mode & 0o777).toBe(0o600);

  // deploy by app name with a parameter, waiting for the end: the record id in the one JSON document.
  const tag = `v9.${stamp()}-cli`;
  const deployed = await cli(["deploy", orders.name, "-p", `image_tag=${tag}`, "--wait", "--json"], { dir });
  expect(deployed.code, deployed.stderr).toBe(0);
  const doc = JSON.parse(deployed.stdout) as { recordId: string; taskId: string; record: { state: string; finished: boolean } };
  expect(doc).toMatchObject({ taskId: orders.taskId, record: { state: "succeeded", finished: true } });
  expect(doc.recordId).toMatch(/^[0-9a-z]{32}$/);
  const starts = await startsOf(sim);
  expect(starts).toHaveLength(1);
  expect((starts[0]!.body as { params: { key: string; value: string }[] }).params).toContainEqual({ key: "image_tag", value: tag, type: "text" });

  // Roll back to an earlier release by its number, with a reason, without waiting…
  const dev = await apiAs(playwright, "dev");
  const history = (await (await dev.get(`/api/tasks/${orders.taskId}/records?size=10`)).json()) as { items: { recordId: string; releaseId: number | null }[] };
  const target = history.items.find((r, i) => i >= 2 && r.releaseId !== null)!;
  const reason = `e2e cli: back to #${target.releaseId} ${stamp()}`;
  const rollback = await cli(["deploy", orders.taskId, "--rollback-to", `#${target.releaseId}`, "--reason", reason, "--json"], { dir });
  expect(rollback.code, rollback.stderr).toBe(0);
  const rollbackId = (JSON.parse(rollback.stdout) as { recordId: string }).recordId;
  expect(((await startsOf(sim))[1]?.body as { record_id?: string }).record_id).toBe(target.recordId);

  // …and follow its log while it runs: the command ends once the record has, with the record's whole log.
  const logs = await cli(["logs", orders.taskId, rollbackId, "--follow"], { dir });
  expect(logs.code, logs.stderr).toBe(0);
  const detail = (await (await dev.get(`/api/tasks/${orders.taskId}/records/${rollbackId}`)).json()) as { finished: boolean };
  expect(detail.finished).toBe(true);
  const whole = await (await dev.get(`/api/tasks/${orders.taskId}/records/${rollbackId}/logs/download`)).text();
  expect(whole.trim()).not.toBe("");
  expect(logs.stdout.trimEnd()).toBe(whole.trimEnd());

  // status of the rollback record, as a JSON document: it names its target.
  const status = await cli(["status", orders.taskId, rollbackId, "--json"], { dir });
  expect(status.code, status.stderr).toBe(0);
  expect(JSON.parse(status.stdout)).toMatchObject({ recordId: rollbackId, finished: true, rollbackOf: { recordId: target.recordId } });

  // The ledger names the rollback, its target and the reason.
  const audit = (await (await dev.get(`/api/audit?task=${orders.taskId}&action=rollback&size=50`)).json()) as {
    items: { phase: string; reason: string | null; targetRecordId: string | null }[];
  };
  expect(audit.items.find((r) => r.phase === "requested" && r.reason === reason)).toMatchObject({ targetRecordId: target.recordId });
  await dev.dispose();
});

test("refusals print the console's code and exit 3, and never reach the cloud", async ({ playwright, sim }) => {
  test.setTimeout(120_000);
  const viewer = await createToken(playwright, "viewer", `cli viewer ${stamp()}`);
  const deployer = await createToken(playwright, "deployer", `cli deployer ${stamp()}`);
  secrets.push(viewer.secret, deployer.secret);
  const as = (secret: string) => ({ dir, env: { CODEARTS_CONSOLE_URL: CONSOLE_URL, CODEARTS_CONSOLE_TOKEN: secret } });
  const before = (await startsOf(sim)).length;

  // A viewer token may read the task but not deploy it (its owner may): 403 forbidden.
  const forbidden = await cli(["deploy", inventory.taskId, "--json"], as(viewer.secret));
  expect(forbidden.code).toBe(3);
  expect(forbidden.stderr).toMatch(/^error forbidden: /m);
  expect(forbidden.stderr).toMatch(/^request id \S+$/m);
  expect(JSON.parse(forbidden.stdout)).toMatchObject({ error: { code: "forbidden", status: 403, exitCode: 3 } });

  // A protected app without the typed name: 422.
  const unconfirmed = await cli(["deploy", PROTECTED_APP.taskId, "--reason", "e2e: no name typed"], as(deployer.secret));
  expect(unconfirmed.code).toBe(3);
  expect(unconfirmed.stderr).toMatch(/^error protected_confirmation_required: /m);
  expect((await startsOf(sim)).length).toBe(before);

  // A second deploy while the first runs: 409 deploy_in_progress, naming the record that holds the task.
  const first = await cli(["deploy", inventory.name, "--json"], as(deployer.secret));
  expect(first.code, first.stderr).toBe(0);
  const recordId = (JSON.parse(first.stdout) as { recordId: string }).recordId;
  const second = await cli(["deploy", inventory.name], as(deployer.secret));
  expect(second.code).toBe(3);
  expect(second.stderr).toMatch(/^error deploy_in_progress: /m);
  expect(second.stderr).toContain(`record ${recordId}`);
  expect((await startsOf(sim)).length).toBe(before + 1);

  // The first one, watched to its end, leaves the task free for the next test.
  const watched = await cli(["status", inventory.taskId, recordId, "--watch"], as(deployer.secret));
  expect(watched.code, watched.stderr).toBe(0);
  expect(watched.stdout).toMatch(/^succeeded · \d+ steps · \d+:\d\d$/m);
});

test("a revoked, expired or malformed token, or none, exits 5 and deploys nothing", async ({ playwright, sim }) => {
  const token = await createToken(playwright, "deployer", `cli revoked ${stamp()}`);
  secrets.push(token.secret);
  const login = await cli(["login", "--url", CONSOLE_URL, "--token", token.secret], { dir });
  expect(login.code, login.stderr).toBe(0);
  const whoami = await cli(["whoami"], { dir });
  expect(whoami.code, whoami.stderr).toBe(0);
  expect(whoami.stdout).toMatch(/token "cli revoked .*" \(deployer, all apps\)/);

  const dev = await apiAs(playwright, "dev");
  expect((await dev.delete(`/api/tokens/${token.id}`, { headers: origin })).status()).toBe(204);
  await dev.dispose();
  const before = (await startsOf(sim)).length;

  const revoked = await cli(["deploy", orders.taskId, "-p", "image_tag=never"], { dir });
  expect(revoked.code).toBe(5);
  expect(revoked.stderr).toMatch(/^error token_revoked: /m);

  // Expired: its expiry moved into the past (what waiting would do).
  const expiring = await createToken(playwright, "deployer", `cli expired ${stamp()}`);
  secrets.push(expiring.secret);
  await runSql("UPDATE api_tokens SET expires_at = ? WHERE id = ?", [new Date(Date.now() - 1_000).toISOString(), expiring.id]);
  const expired = await cli(["deploy", orders.taskId, "-p", "image_tag=never"], {
    dir,
    env: { CODEARTS_CONSOLE_URL: CONSOLE_URL, CODEARTS_CONSOLE_TOKEN: expiring.secret },
  });
  expect(expired.code).toBe(5);
  expect(expired.stderr).toMatch(/^error token_expired: /m);

  const malformed = await cli(["apps"], { dir, env: { CODEARTS_CONSOLE_URL: CONSOLE_URL, CODEARTS_CONSOLE_TOKEN: "cdc_not-a-real-token" } });
  expect(malformed.code).toBe(5);
  expect(malformed.stderr).toMatch(/^error token_invalid: /m);
  expect(malformed.stderr).not.toContain("cdc_not-a-real-token");

  const logout = await cli(["logout"], { dir });
  expect(logout.code).toBe(0);
  const none = await cli(["whoami"], { dir });
  expect(none.code).toBe(5);
  expect(none.stderr).toMatch(/^error not_signed_in: /m);

  expect((await startsOf(sim)).length).toBe(before);
});
