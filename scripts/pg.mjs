// A throwaway PostgreSQL for the tests: initdb into a temporary directory, start it on a free loopback port,
// create one database; `stop()` shuts it down and deletes everything. Uses Debian's binaries
// (/usr/lib/postgresql/<version>/bin); PostgreSQL refuses to run as root, so as root it runs as user `postgres`.
import { spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export const INSTALL_HINT = "install Debian's postgresql (apt-get install -y postgresql) or set TEST_DATABASE_URL";

/** The newest installed PostgreSQL bin directory with initdb and pg_ctl, or null. */
export function findPostgresBin() {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(base, v, "bin");
    if (existsSync(join(bin, "initdb")) && existsSync(join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function idOf(flag) {
  const r = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

export async function startThrowawayPostgres({ database = "codearts_test" } = {}) {
  const bin = findPostgresBin();
  if (!bin) throw new Error(`PostgreSQL binaries not found: ${INSTALL_HINT}.`);
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? idOf("-u") : null;
  const gid = asRoot ? idOf("-g") : null;
  if (asRoot && (uid === null || gid === null)) throw new Error(`Running as root needs the 'postgres' system user: ${INSTALL_HINT}.`);

  const dir = mkdtempSync(join(tmpdir(), "console-pg-"));
  if (asRoot) chownSync(dir, uid, gid);
  const data = join(dir, "data");
  const run = (tool, args) => {
    const cmd = asRoot ? "runuser" : join(bin, tool);
    const full = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    const r = spawnSync(cmd, full, { encoding: "utf8", cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} failed (exit ${r.status}): ${(r.stderr || r.stdout || "").trim().split("\n").slice(-5).join(" | ")}`);
  };
  const stop = () => {
    try {
      run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      /* not running */
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    run("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
    const port = await freePort();
    // fsync off and a unix socket inside the temporary directory: fast, and nothing outside it is touched.
    run("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-w", "-t", "60", "-o", `-k ${dir} -p ${port} -h 127.0.0.1 -F -c max_connections=200`, "start"]);
    const base = `postgres://postgres@127.0.0.1:${port}`;
    const client = new pg.Client({ connectionString: `${base}/postgres` });
    await client.connect();
    await client.query(`CREATE DATABASE ${database}`);
    await client.end();
    return { url: `${base}/${database}`, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
