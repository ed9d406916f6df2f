// Section 7 of the document: many viewers of one running record, through the console and directly — what they cost
// upstream and how fast they are answered.
import { fmt, medRange } from "../stats.mjs";

const STATUS_ROW = (x) =>
  x.non2xx
    ? ` (${Object.entries(x.statuses)
        .filter(([k]) => !k.startsWith("2"))
        .map(([k, v]) => `${k}: ${v}`)
        .join(", ")})`
    : "";

export function viewersSection(r) {
  const v = r.viewers;
  if (!v) return [];
  const c = r.config;
  const L = [];
  L.push("## 7. Viewers of one running deployment");
  L.push("");
  L.push(
    `${v.viewers} viewers, each reading record \`${v.recordId}\` of task \`${v.taskId}\` every ${v.everyMs / 1000} s on a fixed schedule (the record page's poll; their phases spread over the first interval), ${c.runs} run(s) of ${c.viewersS} s per side, console and direct alternating, upstream latency ${c.latencyMs} ms (the step-1 fault rule). Console = \`GET /api/tasks/{t}/records/{r}\` with the session (permission checks run on every read); direct = the signed \`GET /v2/tasks/{t}/state?record_id={r}&step_state=true\` on the simulator. The record was started through the console while the simulator's steps lasted an hour (\`POST /__sim/steps\`), so it ran through every run (checked after the last: ${v.stillRunning ? "still running" : "**finished**"}). ShowDeployStatus calls are those the simulator authenticated (\`GET /__sim/calls\`) during each console run; the rate is (calls − 1) / the time between the two counts, the spacing of the calls (a window of T seconds may hold T + 1 calls 1 s apart, one at each edge).`,
  );
  L.push("");
  L.push("| side | reads/s | p50 ms | p99 ms | non-2xx | upstream ShowDeployStatus per s | console CPU ms per read |\n|---|---:|---:|---:|---:|---:|---:|");
  const side = (name, runs, up) =>
    `| ${name} | ${medRange(
      runs.map((x) => x.rps),
      0,
    )} | ${medRange(
      runs.map((x) => x.p50),
      2,
    )} | ${medRange(
      runs.map((x) => x.p99),
      2,
    )} | ${runs.map((x) => `${x.non2xx}${STATUS_ROW(x)}`).join(" / ")} | ${up} | ${medRange(
      runs.map((x) => x.cpuPerOk),
      3,
    )} |`;
  L.push(
    side(
      "console",
      v.console,
      `${medRange(
        v.console.map((x) => x.upstreamPerS),
        2,
      )} (${v.console.map((x) => x.upstreamCalls).join(" / ")} calls)`,
    ),
  );
  L.push(side("direct", v.direct, `${fmt(v.direct[0]?.rps, 0)} (every read)`));
  L.push("");
  return L;
}
