/** What one benchmark measured: a figure, the baseline measured in the same run, and the goal. */
export interface BenchFigure {
  readonly bench: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly baselineLabel: string;
  readonly baseline: number;
  /** e.g. "< 50 ms" or "≤ 3× baseline": what the issue asks. */
  readonly goal: string;
  readonly met: boolean;
  readonly note?: string;
}

export interface Bench {
  readonly name: string;
  readonly description: string;
  run(log: (line: string) => void): Promise<BenchFigure[]>;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Runs `work` `times` times after `warmup` runs and returns the durations in milliseconds. */
export async function timeRepeated(work: () => Promise<unknown>, times: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples;
}

export const fmt = (value: number, decimals = 1) => value.toLocaleString('it-IT', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

/**
 * Open loop: starts `send(i)` every 1000/rate ms whatever the previous ones did, so a slow answer
 * cannot hide the next one's wait; resolves when all have finished.
 */
export async function paced(count: number, rate: number, send: (i: number) => Promise<void>): Promise<void> {
  const inFlight: Promise<void>[] = [];
  const origin = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = origin + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
}
