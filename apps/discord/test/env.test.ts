import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PerfError } from '@perf/model';
import { openStore } from '@perf/store';
import { describe, expect, it, vi } from 'vitest';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';
import { createDiscordBot } from '../src/bot.ts';
import { readDiscordEnv } from '../src/env.ts';
import { FakeDiscord } from './fake-discord.ts';
import { APPLICATION_ID, fixedClock, GUILD_ID } from './harness.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function envError(env: NodeJS.ProcessEnv): PerfError {
  try {
    readDiscordEnv(env);
  } catch (error) {
    if (error instanceof PerfError) return error;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

describe('environment', () => {
  it('names every missing variable in one Italian message', () => {
    const error = envError({});
    expect(error).toMatchObject({ code: 'ENV_MISSING', message: "Impossibile avviare il bot Discord: mancano le variabili d'ambiente DISCORD_TOKEN, DISCORD_APPLICATION_ID." });
    expect(error.toText()).toContain('DISCORD_TOKEN mancante: il token del bot');
    expect(envError({ DISCORD_TOKEN: 't' }).message).toBe("Impossibile avviare il bot Discord: manca la variabile d'ambiente DISCORD_APPLICATION_ID.");
  });

  it('reads the defaults of the optional variables, PERF_DB ./.perf and checks every 60 minutes as in the other apps', () => {
    const env = readDiscordEnv({ DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: APPLICATION_ID });
    expect(env).toMatchObject({ token: 'token', applicationId: APPLICATION_ID, db: '.perf', apiUrl: 'https://discord.com/api', summaryChannel: undefined, guildId: undefined, reminderDays: 7, checkIntervalMinutes: 60 });
    const set = readDiscordEnv({
      DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: APPLICATION_ID, PERF_DB: './db', DISCORD_API_URL: 'http://127.0.0.1:9/api/',
      DISCORD_SUMMARY_CHANNEL: '220000000000000001', DISCORD_GUILD_ID: GUILD_ID, PERF_REMINDER_DAYS: '3', PERF_CHECK_INTERVAL_MINUTES: '5', PERF_NOW: '2012-12-27T10:00:00+01:00',
    });
    expect(set).toMatchObject({ apiUrl: 'http://127.0.0.1:9/api', summaryChannel: '220000000000000001', guildId: GUILD_ID, reminderDays: 3, checkIntervalMinutes: 5, db: './db' });
    expect(set.clock().toISOString()).toBe('2012-12-27T09:00:00.000Z');
  });

  it('refuses invalid values, naming each', () => {
    const text = envError({
      DISCORD_TOKEN: 'token', DISCORD_APPLICATION_ID: 'perf', PERF_DB: './db', DISCORD_API_URL: 'discord.com',
      DISCORD_SUMMARY_CHANNEL: '#generale', PERF_REMINDER_DAYS: 'sette', PERF_NOW: 'ieri',
    }).toText();
    for (const name of ['DISCORD_APPLICATION_ID="perf"', 'DISCORD_API_URL="discord.com"', 'DISCORD_SUMMARY_CHANNEL="#generale"', 'PERF_REMINDER_DAYS="sette"', 'PERF_NOW="ieri"']) {
      expect(text).toContain(name);
    }
  });

  it('pnpm discord without configuration exits with the message on stderr', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/discord/src/main.ts'], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Errore: Impossibile avviare il bot Discord: mancano le variabili d'ambiente DISCORD_TOKEN, DISCORD_APPLICATION_ID.");
  });
});

describe('start-up failures', () => {
  it('a token that Discord rejects stops the start with a clear message', async () => {
    const fake = await FakeDiscord.start(APPLICATION_ID, GUILD_ID);
    const store = await openStore(await freshEmbeddedDir());
    try {
      fake.failures.set('PUT /api/v10/applications/', 401);
      const bot = createDiscordBot({ store, token: 'wrong', applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, clock: fixedClock('2012-12-27T10:00:00+01:00'), guildId: GUILD_ID, reminderDays: 7, log: () => {} });
      await expect(bot.start()).rejects.toMatchObject({ code: 'DISCORD_UNAUTHORIZED', message: 'Discord ha rifiutato il token del bot.' });
      expect(fake.connections).toBe(0);
    } finally {
      await fake.close();
      await store.close();
    }
  });
});

describe('pnpm discord', () => {
  it('starts from the environment against the fake, and stops cleanly on SIGTERM', async () => {
    const fake = await FakeDiscord.start(APPLICATION_ID, GUILD_ID);
    const db = await freshEmbeddedDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/discord/src/main.ts'], {
      cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: 'fake-bot-token', DISCORD_APPLICATION_ID: APPLICATION_ID, PERF_DB: db, DISCORD_API_URL: fake.apiUrl, PERF_NOW: '2012-12-27T10:00:00+01:00' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await vi.waitFor(() => expect(output).toContain('Bot Discord avviato come perf; /perf registrato globalmente.'), { timeout: 30_000, interval: 100 });
      expect(fake.find((c) => c.method === 'PUT')[0]?.path).toBe(`/api/v10/applications/${APPLICATION_ID}/commands`);
      expect(fake.identifies).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('perf Discord: SIGTERM ricevuto, chiusura in corso…');
      // The embedded database's lock is released: the directory opens again.
      const store = await openStore(db, { lockWaitMs: 0 });
      await store.close();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
