/**
 * Helpers of e2e/scale-out.spec.ts: Debian's nginx running the shipped deploy/nginx/console.conf (rendered into a temp
 * prefix, as an unprivileged process would run it: no root paths), its access log read back (which replica served
 * which request), and the standalone tree (`.next/standalone`) assembled the way the Dockerfile assembles it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const NGINX = "/usr/sbin/nginx";
/** The file we ship; the spec runs exactly it, with its three placeholders filled in. */
const NGINX_CONF = "deploy/nginx/console.conf";

/** Fills the placeholders of deploy/nginx/console.conf (what envsubst does in the nginx image); throws on any left over. */
function renderConsoleConf(vars: { upstreams: string[]; listen: string; accessLog: string }): string {
  const values: Record<string, string> = {
    CONSOLE_UPSTREAM_SERVERS: vars.upstreams.map((u) => `server ${u};`).join(" "),
    CONSOLE_LISTEN: vars.listen,
    CONSOLE_ACCESS_LOG: vars.accessLog,
  };
  const out = readFileSync(NGINX_CONF, "utf8").replace(/\$\{(CONSOLE_[A-Z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
  const left = out.match(/\$\{CONSOLE_[A-Z_]+\}/);
  if (left) throw new Error(`${NGINX_CONF}: unknown placeholder ${left[0]}`);
  return out;
}

/** One access log line (log_format console_upstream). */
export interface Served {
  method: string;
  path: string;
  status: number;
  /** $upstream_addr: every replica tried, in order ("127.0.0.1:3221, 127.0.0.1:3222" after a failover). */
  upstreams: string[];
  upstreamStatus: string;
}

export interface Nginx {
  url: string;
  /** Every request served so far, from the access log. */
  served(): Served[];
  errorLog(): string;
  stop(): Promise<void>;
}

const LINE = /"(\S+) (\S+) [^"]*" (\d{3}) \d+ upstream=(.*?) upstream_status=(.*?) request_time=/;

function parse(text: string): Served[] {
  return text
    .split("\n")
    .map((l) => LINE.exec(l))
    .filter((m) => m !== null)
    .map(([, method = "", path = "", status = "0", upstreams = "", upstreamStatus = ""]) => ({
      method,
      path,
      status: Number(status),
      upstreams: upstreams.match(/[\d.]+:\d+/g) ?? [],
      upstreamStatus,
    }));
}

/**
 * nginx on 127.0.0.1:`port` in front of `upstreams` (host:port), from a temp prefix: config, pid, logs and temp files
 * all in it. Throws (the test fails, it does not skip) when nginx is not installed.
 */
export async function startNginx(port: number, upstreams: string[]): Promise<Nginx> {
  if (!existsSync(NGINX)) {
    throw new Error(`The scale-out tests need Debian's nginx at ${NGINX}: apt-get install -y nginx (.ci/run installs it).`);
  }
  const dir = mkdtempSync(join(tmpdir(), "codearts-nginx-"));
  // Run as root, nginx's workers run as `nobody`: they must reach the temp directories under the prefix.
  chmodSync(dir, 0o755);
  const accessLog = join(dir, "access.log");
  const errorLog = join(dir, "error.log");
  writeFileSync(join(dir, "console.conf"), renderConsoleConf({ upstreams, listen: `127.0.0.1:${port}`, accessLog }));
  // The main file an nginx.conf would be: one worker (a deterministic round robin), temp paths under the prefix.
  const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((k) => `    ${k}_temp_path ${join(dir, k)};`).join("\n");
  writeFileSync(
    join(dir, "nginx.conf"),
    `worker_processes 1;\nevents { worker_connections 2048; }\nhttp {\n${temp}\n    include ${join(dir, "console.conf")};\n}\n`,
  );
  const args = ["-p", dir, "-e", errorLog, "-c", join(dir, "nginx.conf"), "-g", `daemon off; pid ${join(dir, "nginx.pid")}; error_log ${errorLog} info;`];
  const check = spawnSync(NGINX, ["-t", ...args], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t refused the rendered ${NGINX_CONF}:\n${check.stderr}`);
  const child: ChildProcess = spawn(NGINX, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = `http://localhost:${port}`;
  const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${stderr}\n${read(errorLog)}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`nginx did not answer on ${port}:\n${read(errorLog)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    served: () => parse(read(accessLog)),
    errorLog: () => read(errorLog),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The standalone server tree in a temp directory, laid out as the Dockerfile lays out /app: `.next/standalone`, with
 * `.next/static` and `public` next to it and our server (scripts/server.mjs, run through scripts/standalone-server.mjs).
 * Nothing in it can reach the project's own node_modules.
 */
export function standaloneTree(): { dir: string; remove(): void } {
  const src = ".next/standalone";
  if (!existsSync(join(src, "server.js"))) {
    throw new Error(`${src} is missing: next.config.js must build with output: "standalone"`);
  }
  const dir = mkdtempSync(join(tmpdir(), "codearts-standalone-"));
  cpSync(src, dir, { recursive: true, verbatimSymlinks: true });
  cpSync(".next/static", join(dir, ".next", "static"), { recursive: true });
  cpSync("public", join(dir, "public"), { recursive: true });
  mkdirSync(join(dir, "scripts"));
  for (const f of ["server.mjs", "standalone-server.mjs"]) copyFileSync(join("scripts", f), join(dir, "scripts", f));
  return { dir: resolve(dir), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
