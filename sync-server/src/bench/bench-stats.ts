// Small helpers of the booking benchmark: percentiles and the machine description the figures are tied to.
import { cpus, loadavg, totalmem } from 'node:os';

/** Nearest-rank percentile of `values` (ms); NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: digits }) : '—';
}

/** `nproc`, CPU model, memory and Node version: figures mean nothing without them. */
export function machine(): string {
  const list = cpus();
  const model = list[0]?.model.trim() ?? 'unknown CPU';
  const gib = Math.round(totalmem() / 2 ** 30);
  return `${list.length} × ${model}, ${gib} GiB RAM, Node ${process.version}`;
}

/** The 1-minute load average: on a shared machine it says how much else was running. */
export function load(): string {
  return fixed(loadavg()[0] ?? Number.NaN, 2);
}
