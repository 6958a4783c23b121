import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { PerfError } from '@perf/model';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * PGlite has no lock of its own: two processes on one directory silently lose rows.
 * An exclusive lock file with the holder's pid; a lock whose process is gone is stale and taken over.
 * A second process waits up to `waitMs`, then is refused with an Italian message.
 */
export async function acquireDirectoryLock(lockPath: string, waitMs: number): Promise<() => void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try { unlinkSync(lockPath); } catch { /* already gone */ }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try { holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10); } catch { continue; }
    if (!Number.isNaN(holder) && holder !== process.pid && !processAlive(holder)) {
      try { unlinkSync(lockPath); } catch { /* another process took it over first */ }
      continue;
    }
    if (Date.now() >= deadline) {
      throw new PerfError('DB_LOCKED', `Il database è in uso da un altro processo (pid ${Number.isNaN(holder) ? '?' : holder}).`, {
        hint: "Riprova quando l'altro processo ha finito, oppure usa un server PostgreSQL (PERF_DB=postgres://...) per l'accesso da più processi.",
      });
    }
    await sleep(50);
  }
}
