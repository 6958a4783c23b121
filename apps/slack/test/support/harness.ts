import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogLevel } from '@slack/bolt';
import type { CommandContext } from '@perf/core';
import { openStore, type Rilevazione, type Store } from '@perf/store';
import { freshEmbeddedDir } from '../../../../test/support/databases.ts';
import { importPlanFile, importValuesFile } from '../../../cli/src/import-files.ts';
import { createSlackApp, type SlackApp } from '../../src/app.ts';
import { FakeSlack } from './fake-slack.ts';
import {
  buttonPayload, checkInSubmission, eventEnvelope, interactionBody, nextId, postToSlackApp, SIGNING_SECRET, slashCommandBody, type CheckInValues, type SendOptions, type SlackResponse,
} from './slack-requests.ts';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../../../examples/cciaa-ms-2012/', import.meta.url));

/** People of the example plan, by their Slack ids. */
export const USERS = {
  conti: 'U0000006', // g.conti, staff, owner of indicator 12
  rossi: 'U0000002', // p.rossi, dirigente
  serra: 'U0000013', // f.serra, controllo di gestione
  ferri: 'U0000014', // g.ferri, OIV
  stranger: 'U0999999', // not in the plan
} as const;

/** Inside Q4 2012: Q3 is closed, Q4 closes in more than a week (no reminders due). */
export const DEFAULT_NOW = '2012-11-15T10:00:00+01:00';

/** Loads the example plan and its values, as the CLI's `demo` does. */
export async function loadExample(store: Store): Promise<void> {
  const context: CommandContext = { store, channel: 'cli', clock: () => new Date('2013-01-20T10:00:00+01:00'), identity: { kind: 'operator', operatorName: 'controllo:test' } };
  await importPlanFile(join(EXAMPLE_DIR, 'piano-2012.yaml'), context);
  await importValuesFile(join(EXAMPLE_DIR, 'valori-2012.yaml'), context);
}

let loadedTemplate: Promise<string> | undefined;

/** A fresh embedded database with the example loaded (loaded once per test file, then copied). */
export async function exampleDatabaseDir(): Promise<string> {
  loadedTemplate ??= (async () => {
    const dir = await freshEmbeddedDir();
    const store = await openStore(dir);
    try {
      await loadExample(store);
    } finally {
      await store.close();
    }
    return dir;
  })();
  const copy = join(mkdtempSync(join(tmpdir(), 'perf-slack-')), 'db');
  cpSync(await loadedTemplate, copy, { recursive: true });
  return copy;
}

export interface HarnessOptions {
  /** An embedded database directory the harness opens (and closes on stop); a loaded copy of the example by default. */
  readonly dbDir?: string;
  /** An already open store (e.g. PostgreSQL); the caller closes it. */
  readonly store?: Store;
  /** The app's clock (ISO 8601), fixed. */
  readonly now?: string;
  readonly summaryChannel?: string;
  readonly reminderDays?: number;
  /** A fake shared between app instances (restarts); the harness makes and closes its own otherwise. */
  readonly fake?: FakeSlack;
}

type CommandOptions = SendOptions & { readonly triggerId?: string; readonly channelId?: string; readonly responseUrl?: string };

/** The real Bolt app on a loopback port, talking to a fake Slack Web API, with signed requests. */
export class Harness {
  private constructor(
    readonly slack: SlackApp,
    readonly store: Store,
    readonly fake: FakeSlack,
    readonly url: string,
    private readonly owned: { store: boolean; fake: boolean; dir: string | undefined },
  ) {}

  static async start(options: HarnessOptions = {}): Promise<Harness> {
    const fake = options.fake ?? (await FakeSlack.start());
    const createdDir = options.store === undefined && options.dbDir === undefined ? await exampleDatabaseDir() : undefined;
    // As `pnpm slack` opens it: the embedded engine on a worker thread.
    const store = options.store ?? (await openStore(options.dbDir ?? createdDir, { embeddedThread: 'worker' }));
    const now = new Date(options.now ?? DEFAULT_NOW);
    const slack = createSlackApp({
      store, transport: { mode: 'http', signingSecret: SIGNING_SECRET }, token: 'xoxb-perf-test', apiUrl: fake.apiUrl, clock: () => new Date(now.getTime()),
      summaryChannel: options.summaryChannel, reminderDays: options.reminderDays ?? 7, logLevel: LogLevel.ERROR,
    });
    const { port } = await slack.start({ port: 0, host: '127.0.0.1' });
    // The cycle checks run at start; let them finish so every test starts from a settled app.
    await slack.runChecks();
    return new Harness(slack, store, fake, `http://127.0.0.1:${port}/slack/events`, {
      store: options.store === undefined, fake: options.fake === undefined, dir: createdDir === undefined ? undefined : dirname(createdDir),
    });
  }

  /**
   * `/perf <text>` from a user; resolves with the answer the person sees: the app acknowledges with
   * an empty 200 and answers through response_url, so this waits until the request is fully handled.
   * A refusal of the request itself (e.g. 401) is returned as it is.
   */
  async command(text: string, userId: string, options: CommandOptions = {}): Promise<SlackResponse> {
    const responseUrl = options.responseUrl ?? this.fake.responseUrl();
    const body = slashCommandBody({
      text, userId, responseUrl,
      ...(options.triggerId ? { triggerId: options.triggerId } : {}), ...(options.channelId ? { channelId: options.channelId } : {}),
    });
    const acknowledgement = await postToSlackApp(this.url, body, 'application/x-www-form-urlencoded', options);
    if (acknowledgement.status !== 200) return acknowledgement;
    await this.slack.idle();
    const answer = this.fake.postsTo(responseUrl)[0];
    if (answer === undefined) return acknowledgement;
    const answerText = JSON.stringify(answer.body);
    return { status: acknowledgement.status, text: answerText, json: <T>() => JSON.parse(answerText) as T };
  }

  interact(payload: Record<string, unknown>, options: SendOptions = {}): Promise<SlackResponse> {
    return postToSlackApp(this.url, interactionBody(payload), 'application/x-www-form-urlencoded', options);
  }

  /** Delivers an event; resolves once the app has fully handled it. */
  async event(event: Record<string, unknown>, options: SendOptions & { readonly eventId?: string } = {}): Promise<SlackResponse> {
    const response = await postToSlackApp(this.url, eventEnvelope(event, options.eventId ?? nextId('EV')), 'application/json', options);
    await this.slack.idle();
    return response;
  }

  /** A button press on a message the app posted. */
  button(userId: string, action: { actionId: string; value: string }, message: { channelId: string; ts: string }, responseUrl = this.fake.responseUrl()): Promise<SlackResponse> {
    return this.interact(buttonPayload(userId, action, message, responseUrl));
  }

  /** The check-in modal submitted with these values. */
  submitCheckIn(userId: string, viewId: string, values: CheckInValues): Promise<SlackResponse> {
    return this.interact(checkInSubmission(userId, viewId, values));
  }

  history(indicator?: number): Promise<Rilevazione[]> {
    return this.store.history('CCIAA-MS', 2012, indicator);
  }

  async rilevazioni(): Promise<number> {
    return (await this.store.counts()).rilevazioni;
  }

  private stopped = false;

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.slack.stop();
    } finally {
      if (this.owned.store) await this.store.close();
      if (this.owned.fake) await this.fake.close();
      if (this.owned.dir) rmSync(this.owned.dir, { recursive: true, force: true });
    }
  }
}

/** Text of every block of a message (sections, fields, context, headers), for assertions. */
export function blocksText(blocks: unknown): string {
  return JSON.stringify(blocks ?? []).replace(/\\n/g, '\n');
}
