import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '@perf/core';
import { openStore, type Store } from '@perf/store';
import { freshEmbeddedDir } from '../../../../test/support/databases.ts';
import { importPlanFile, importValuesFile } from '../../../cli/src/import-files.ts';
import { createTeamsApp, type TeamsApp, type TeamsAppOptions } from '../../src/app.ts';
import { FakeConnector } from './fake-connector.ts';

const EXAMPLE_DIR = fileURLToPath(new URL('../../../../examples/cciaa-ms-2012/', import.meta.url));

/** Entra object ids of people of the example plan (`teams` field). */
export const USERS = {
  conti: '00000000-0000-4000-8000-000000000006', // g.conti, staff, owner of indicator 12
  rossi: '00000000-0000-4000-8000-000000000002', // p.rossi, dirigente
  serra: '00000000-0000-4000-8000-000000000013', // f.serra, controllo
  stranger: '00000000-0000-4000-8000-000000000999',
} as const;

export const DEFAULT_NOW = '2012-11-15T10:00:00+01:00';

let template: Promise<string> | undefined;

/** Imports the example plan and values into `store` (any engine). */
export async function loadExample(store: Store): Promise<void> {
  const context: CommandContext = { store, channel: 'cli', clock: () => new Date('2013-01-20T10:00:00+01:00'), identity: { kind: 'operator', operatorName: 'controllo:test' } };
  await importPlanFile(join(EXAMPLE_DIR, 'piano-2012.yaml'), context);
  await importValuesFile(join(EXAMPLE_DIR, 'valori-2012.yaml'), context);
}

/** A fresh embedded database with the example plan and values (loaded once per file, then copied). */
export async function exampleDatabaseDir(): Promise<string> {
  template ??= (async () => {
    const dir = await freshEmbeddedDir();
    const store = await openStore(dir);
    try {
      await loadExample(store);
    } finally {
      await store.close();
    }
    return dir;
  })();
  const copy = join(mkdtempSync(join(tmpdir(), 'perf-teams-')), 'db');
  cpSync(await template, copy, { recursive: true });
  return copy;
}

let counter = 0;

export interface ActivityOptions {
  readonly from?: string;
  readonly id?: string;
  readonly conversation?: { readonly id: string; readonly conversationType: 'personal' | 'channel' };
  readonly token?: string;
}

/** POSTs an activity to the app at `appUrl` (`/api/messages`) as Teams would, with `serviceUrl` the (fake) Bot Connector's. */
export async function sendActivity(appUrl: string, serviceUrl: string, activity: Record<string, unknown>, options: ActivityOptions = {}): Promise<{ status: number; body: unknown }> {
  const conversation = options.conversation ?? { id: `a:personal-${options.from ?? USERS.conti}`, conversationType: 'personal' };
  const full = {
    id: options.id ?? `in-${++counter}`, channelId: 'msteams', serviceUrl: `${serviceUrl}/`, timestamp: new Date().toISOString(),
    from: { id: `29:${options.from ?? USERS.conti}`, aadObjectId: options.from ?? USERS.conti, name: 'Persona' },
    recipient: { id: '28:perf-bot', name: 'perf' }, conversation: { ...conversation, tenantId: 'tenant-1' },
    ...activity,
  };
  const response = await fetch(`${appUrl}/api/messages`, {
    method: 'POST', body: JSON.stringify(full),
    headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** The real Teams app on a loopback port, aimed at a fake Bot Connector through the activities' serviceUrl. */
export class Harness {
  private constructor(readonly logs: string[], readonly teams: TeamsApp, readonly store: Store, readonly fake: FakeConnector, readonly url: string, private readonly owned: { fake: boolean; dir: string | undefined }) {}

  static async start(options: { dbDir?: string; fake?: FakeConnector; now?: string; app?: Partial<TeamsAppOptions> } = {}): Promise<Harness> {
    const fake = options.fake ?? (await FakeConnector.start());
    const dir = options.dbDir ?? (await exampleDatabaseDir());
    const store = await openStore(dir);
    const logs: string[] = [];
    const teams = createTeamsApp({ store, clock: () => new Date(options.now ?? DEFAULT_NOW), serviceUrl: fake.url, checkIntervalMinutes: 10_000, log: (line) => logs.push(line), ...options.app });
    const { port } = await teams.start({ port: 0, host: '127.0.0.1' });
    return new Harness(logs, teams, store, fake, `http://127.0.0.1:${port}`, { fake: options.fake === undefined, dir: options.dbDir === undefined ? dir : undefined });
  }

  /** POSTs an activity to /api/messages as Teams would (its serviceUrl is the fake). */
  send(activity: Record<string, unknown>, options: ActivityOptions = {}): Promise<{ status: number; body: unknown }> {
    return sendActivity(this.url, this.fake.url, activity, options);
  }

  message(text: string, options: ActivityOptions = {}) {
    return this.send({ type: 'message', text }, options);
  }

  /** Presses an `Action.Execute` button of a card the app sent. */
  execute(verb: string, data: unknown, replyToId: string, options: ActivityOptions = {}) {
    return this.send({ type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }, options);
  }

  async stop(): Promise<void> {
    await this.teams.stop();
    await this.store.close();
    if (this.owned.fake) await this.fake.close();
    if (this.owned.dir) rmSync(this.owned.dir, { recursive: true, force: true });
  }
}
