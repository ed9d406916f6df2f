// Small statistics helpers for the benchmark: percentiles of raw samples, medians and ranges of repeated runs.

/** Nearest-rank percentile (p in 0..100) of an unsorted array of numbers; NaN when empty. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function median(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return Number.NaN;
  const s = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function range(values) {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [Number.NaN, Number.NaN];
  return [Math.min(...finite), Math.max(...finite)];
}

/** "12.3 (11.9–12.8)" — median and range of repeated measurements. */
export function medRange(values, digits = 1) {
  const m = median(values);
  const [lo, hi] = range(values);
  if (!Number.isFinite(m)) return "n/a";
  if (values.length < 2) return fmt(m, digits);
  return `${fmt(m, digits)} (${fmt(lo, digits)}–${fmt(hi, digits)})`;
}

export function fmt(value, digits = 1) {
  if (value === null || value === undefined || !Number.isFinite(value)) return "n/a";
  return value.toFixed(digits);
}
