// Signing in for the benchmark: a local admin account in the bench's own database (created with
// `npm run user:add`, password on stdin), then next-auth's credentials flow → the session cookie.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const BENCH_EMAIL = "bench@bench.local";

/** Whether this checkout has sign-in (next-auth) and the user:add script. */
export function hasSignIn(root) {
  if (!existsSync(join(root, "app", "api", "auth", "[...nextauth]", "route.ts"))) return false;
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  return typeof pkg.scripts?.["user:add"] === "string";
}

/** `npm run user:add -- --email … --role admin` against the bench database, the password piped on stdin. */
export function addUser(root, env, password, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "user:add", "--", "--email", BENCH_EMAIL, "--role", "admin", "--name", "Benchmark"], {
      cwd: root,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`user:add did not finish within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out.trim());
      else reject(new Error(`user:add failed (exit ${code}):\n${out}`));
    });
    child.stdin.end(`${password}\n`);
  });
}

function cookiesOf(res) {
  const list = typeof res.headers.getSetCookie === "function" ? res.headers.getSetCookie() : [];
  return Object.fromEntries(list.map((c) => c.split(";")[0]).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
}

/** next-auth credentials sign-in; returns { name, value, header } of the session cookie. */
export async function signIn(base, email, password) {
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(15_000) });
  if (!csrfRes.ok) throw new Error(`GET /api/auth/csrf answered ${csrfRes.status}`);
  const jar = cookiesOf(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: base,
      cookie: Object.entries(jar)
        .map(([k, v]) => `${k}=${v}`)
        .join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  const set = cookiesOf(res);
  const name = Object.keys(set).find((k) => k.endsWith("next-auth.session-token"));
  if (!name || !set[name]) throw new Error(`sign-in as ${email} failed (HTTP ${res.status}): no session cookie`);
  return { name, value: set[name], header: `${name}=${set[name]}` };
}
