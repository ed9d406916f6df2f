// docs/BENCHMARKS.md and the printed summary, from the results object of bench/run.mjs. The document is its sections
// in order, each rendered by its own function (bench/lib/report/*.mjs); the summary repeats the targets and floors.
import { floors } from "./report/floors.mjs";
import { floorsSection, headerSection, machineSection, setupSection, targetsSection } from "./report/intro.mjs";
import { ledgerSection } from "./report/ledger-section.mjs";
import { overheadSection, saturationSection } from "./report/load-sections.mjs";
import { pagesSection } from "./report/pages-section.mjs";
import { howToRunSection, memorySection, scaleSection } from "./report/scale-memory.mjs";
import { targets } from "./report/targets.mjs";
import { viewersSection } from "./report/viewers-section.mjs";

const SECTIONS = [
  headerSection,
  machineSection,
  targetsSection,
  floorsSection,
  setupSection,
  overheadSection,
  saturationSection,
  pagesSection,
  scaleSection,
  memorySection,
  viewersSection,
  ledgerSection,
  howToRunSection,
];

export function renderReport(r) {
  return `${SECTIONS.flatMap((section) => section(r)).join("\n")}\n`;
}

export function summaryLines(r) {
  const lines = ["Targets:"];
  for (const t of targets(r)) lines.push(`  ${t.ok === null ? "?" : t.ok ? "✔" : "✘"} ${t.area.padEnd(13)} ${t.what}: ${t.value} (target ${t.target})`);
  const fl = floors(r);
  if (fl.length) {
    lines.push("Floors (console | bare Next.js app | plain Node.js proxy):");
    for (const x of fl) lines.push(`  ${x.what}${x.target ? ` (target ${x.target})` : ""}: ${x.values.join(" | ")}`);
  }
  const a11y = new Map();
  for (const p of r.lighthouse ?? []) for (const run of p.runs) for (const a of run.failing.accessibility) a11y.set(`${p.name} · ${a.id}`, a.title);
  if (a11y.size) {
    lines.push("Accessibility audits below full score:");
    for (const [k, title] of a11y) lines.push(`  - ${k}: ${title}`);
  }
  return lines;
}
