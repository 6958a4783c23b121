/** A job run at start and then every `intervalMs`, never two at once. */
export interface PeriodicJob<T> {
  /** Runs the job now, or joins the run already in progress. */
  runNow(): Promise<T>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export function schedulePeriodic<T>(job: () => Promise<T>, intervalMs: number, onError: (error: unknown) => void): PeriodicJob<T> {
  let running: Promise<T> | undefined;
  let stopped = false;
  const runNow = (): Promise<T> => {
    running ??= job().finally(() => { running = undefined; });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) runNow().catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
