/** Plain-text layout for the terminal: aligned columns (CJK names count two columns wide) and a few labels. */

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Columns a string takes in a terminal. */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

const pad = (s: string, width: number) => s + " ".repeat(Math.max(0, width - displayWidth(s)));

/** Rows under a header, each column as wide as its widest cell, two spaces apart; the last column is not padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** `label  value` lines, labels aligned; rows whose value is null are left out. */
export function fields(rows: readonly (readonly [string, string | null | undefined])[]): string {
  const shown = rows.filter((r): r is readonly [string, string] => r[1] !== null && r[1] !== undefined && r[1] !== "");
  const width = Math.max(0, ...shown.map(([l]) => displayWidth(l)));
  return shown.map(([l, v]) => `${pad(l, width)}  ${v}`).join("\n");
}

export const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === "" ? "—" : String(v));

/** A person as the console names them. */
export const personOf = (p: { name: string | null; email: string | null } | null | undefined) =>
  p ? (p.name && p.email ? `${p.name} <${p.email}>` : (p.name ?? p.email ?? "—")) : "—";
