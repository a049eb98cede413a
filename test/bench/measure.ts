/** Small timing helpers for the benchmarks: medians of repeated runs, never a single sample. */
export interface BenchRow {
  area: string;
  name: string;
  value: number | string;
  unit: string;
  note?: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Runs `fn` `iterations` times per sample, `samples` times; returns the median time per call in µs. */
export function microsPerCall(fn: () => unknown, iterations: number, samples = 7): number {
  for (let i = 0; i < Math.min(iterations, 50); i += 1) fn();
  const perCall: number[] = [];
  for (let s = 0; s < samples; s += 1) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) fn();
    perCall.push(Number(process.hrtime.bigint() - t0) / 1000 / iterations);
  }
  return median(perCall);
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
