// The machine the bench runs on, for the report: CPUs, memory, kernel, Node, Chromium and the measuring tools' versions.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { root } from "./config.mjs";

export function machine() {
  const cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpus()[0]?.model ?? "unknown";
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || String(cpus().length);
  const free = spawnSync("free", ["-m"], { encoding: "utf8" }).stdout?.trim() ?? "";
  const chromium =
    spawnSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", timeout: 20_000 }).stdout?.trim() ?? "unknown";
  const kernel = spawnSync("uname", ["-sr"], { encoding: "utf8" }).stdout?.trim() ?? "";
  const pkg = (name) => {
    try {
      return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
    } catch {
      return "?";
    }
  };
  return {
    nproc,
    cpuModel,
    memTotalMiB: Math.round(totalmem() / 1048576),
    free,
    node: process.version,
    kernel,
    chromium,
    versions: { next: pkg("next"), react: pkg("react"), autocannon: pkg("autocannon"), lighthouse: pkg("lighthouse"), playwright: pkg("@playwright/test") },
  };
}
