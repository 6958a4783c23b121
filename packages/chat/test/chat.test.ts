import { CHAT_APPS, PerfError, PersonSchema } from '@perf/model';
import type { CycleOutcome } from '@perf/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CycleScheduler, EnvReader, InFlight } from '../src/index.ts';

const OUTCOME: CycleOutcome = { summaries: [], reminders: [], notices: [], failures: [] };

function refusal(read: () => void): PerfError {
  try {
    read();
  } catch (error) {
    if (error instanceof PerfError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('EnvReader', () => {
  it('reads the variables every chat app shares with the same defaults', () => {
    const read = new EnvReader({});
    expect(read.channel()).toMatchObject({ db: '.perf', reminderDays: 7, checkIntervalMinutes: 60 });
    read.finish("l'app di prova", 'nessun suggerimento');
    const set = new EnvReader({ PERF_DB: ' postgres://perf@db/perf ', PERF_REMINDER_DAYS: '0', PERF_CHECK_INTERVAL_MINUTES: '10080', PERF_NOW: '2012-07-02T09:00:00+02:00' }).channel();
    expect(set).toMatchObject({ db: 'postgres://perf@db/perf', reminderDays: 0, checkIntervalMinutes: 10_080 });
    expect(set.clock().toISOString()).toBe('2012-07-02T07:00:00.000Z');
  });

  it('names every missing and malformed variable in one Italian error, singular or plural', () => {
    const read = new EnvReader({ PERF_REMINDER_DAYS: '-1', PERF_CHECK_INTERVAL_MINUTES: '0', PERF_NOW: 'ieri', X_URL: 'ftp://host', X_ID: 'abc', X_KEY: 'segretissimo' });
    read.required('X_TOKEN', 'il token');
    read.required('X_SECRET', 'il segreto');
    read.url('X_URL', 'https://example.org/api');
    read.matching('X_ID', /^\d+$/, 'un numero');
    read.matching('X_KEY', /^k-/, 'una chiave k-…', 'secret');
    read.channel();
    const error = refusal(() => read.finish("l'app di prova", 'Imposta le variabili e riavvia.'));
    expect(error.code).toBe('ENV_MISSING');
    expect(error.message).toBe("Impossibile avviare l'app di prova: mancano le variabili d'ambiente X_TOKEN, X_SECRET.");
    expect(error.details).toEqual([
      'X_TOKEN mancante: il token.',
      'X_SECRET mancante: il segreto.',
      'X_URL="ftp://host" non valido: serve un indirizzo http(s), ad esempio https://example.org/api.',
      'X_ID="abc" non valido: serve un numero.',
      'X_KEY non valido: serve una chiave k-….',
      'PERF_REMINDER_DAYS="-1" non valido: serve un numero intero di giorni, da 0 a 366 (predefinito 7).',
      'PERF_CHECK_INTERVAL_MINUTES="0" non valido: serve un numero intero di minuti, da 1 a 10080 (predefinito 60).',
      expect.stringContaining('PERF_NOW="ieri" non è una data valida.'),
    ]);
    const one = new EnvReader({});
    one.required('X_TOKEN', 'il token');
    expect(refusal(() => one.finish("l'app di prova", '')).message).toBe("Impossibile avviare l'app di prova: manca la variabile d'ambiente X_TOKEN.");
    const invalid = new EnvReader({ PORT: 'ottanta' });
    invalid.integer('PORT', 3000, 0, 65_535, 'serve un numero di porta da 0 a 65535');
    expect(refusal(() => invalid.finish("l'app di prova", ''))).toMatchObject({ code: 'ENV_INVALID', message: "Impossibile avviare l'app di prova: variabili d'ambiente non valide." });
  });
});

describe('CycleScheduler', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a round at start and then every interval, never two at once, and stop() waits for the round in progress', async () => {
    vi.useFakeTimers();
    let rounds = 0;
    let release: (() => void) | undefined;
    const check = () => {
      rounds += 1;
      return new Promise<CycleOutcome>((resolve) => { release = () => resolve(OUTCOME); });
    };
    const inFlight = new InFlight();
    const scheduler = new CycleScheduler({ app: 'slack', check, intervalMinutes: 15, log: () => {}, inFlight });
    const first = scheduler.start();
    expect(rounds).toBe(1);
    // A call while the first round runs joins it.
    const joined = scheduler.runNow();
    expect(rounds).toBe(1);
    release?.();
    await first;
    await expect(joined).resolves.toBe(OUTCOME);
    await vi.advanceTimersByTimeAsync(15 * 60_000 - 1);
    expect(rounds).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(rounds).toBe(2);
    let stopped = false;
    const stopping = scheduler.stop().then(() => { stopped = true; });
    await Promise.resolve();
    expect(stopped).toBe(false);
    release?.();
    await stopping;
    await inFlight.idle();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(rounds).toBe(2);
  });

  it('logs a failed round in Italian and keeps the schedule', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    let rounds = 0;
    const scheduler = new CycleScheduler({
      app: 'teams', intervalMinutes: 1, log: (line) => lines.push(line),
      check: () => { rounds += 1; return rounds === 1 ? Promise.reject(new Error('rete assente')) : Promise.resolve(OUTCOME); },
    });
    await scheduler.start();
    expect(lines).toEqual([expect.stringMatching(/^perf Teams: controlli del ciclo non riusciti: Error: rete assente/)]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(rounds).toBe(2);
    await scheduler.stop();
  });
});

describe('InFlight', () => {
  it('idle() waits for work tracked meanwhile too, and failures do not escape it', async () => {
    const inFlight = new InFlight();
    const done: string[] = [];
    void inFlight.track(new Promise<void>((resolve) => setTimeout(() => {
      done.push('primo');
      void inFlight.track(new Promise<void>((next) => setTimeout(() => { done.push('secondo'); next(); }, 5)));
      resolve();
    }, 5)));
    inFlight.track(Promise.reject(new Error('rifiutato'))).catch(() => undefined);
    await inFlight.idle();
    expect(done).toEqual(['primo', 'secondo']);
  });
});

describe('the channel registry', () => {
  it('gives every chat app an id field of its name in the plan’s people', () => {
    expect(CHAT_APPS).toEqual(['slack', 'discord', 'teams']);
    for (const app of CHAT_APPS) expect(Object.keys(PersonSchema.shape)).toContain(app);
  });
});
