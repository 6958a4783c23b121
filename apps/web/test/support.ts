import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createSignInLink, type CommandContext } from '@perf/core';
import { openStore, type Store } from '@perf/store';
import { freshEmbeddedDir } from '../../../test/support/databases.ts';
import { importPlanFile, importValuesFile } from '../../cli/src/import-files.ts';
import { createWebApp, SESSION_COOKIE } from '../src/app.ts';

export const EXAMPLE_DIR = fileURLToPath(new URL('../../../examples/cciaa-ms-2012/', import.meta.url));
export const SECRET = 'test-secret-of-the-dashboard-0123456789';
/** Inside Q4 2012: the example's values are all in. */
export const START = new Date('2012-11-15T10:00:00+01:00').getTime();

/** A movable clock for the app and the links. */
export class TestClock {
  now = START;
  readonly read = (): Date => new Date(this.now);
  advance(ms: number): void {
    this.now += ms;
  }
}

/** An embedded database with the example plan and its values, as `pnpm perf demo` loads them. */
export async function exampleStore(): Promise<{ store: Store; dir: string }> {
  const dir = await freshEmbeddedDir();
  const store = await openStore(dir);
  const context: CommandContext = { store, channel: 'cli', clock: () => new Date('2012-11-15T10:00:00+01:00'), identity: { kind: 'operator', operatorName: 'controllo:test' } };
  await importPlanFile(join(EXAMPLE_DIR, 'piano-2012.yaml'), context);
  await importValuesFile(join(EXAMPLE_DIR, 'valori-2012.yaml'), context);
  return { store, dir };
}

/**
 * The example store of a test file: opened (then `setup`) before its tests, closed and removed after
 * them. Returns its accessor, for the tests and the hooks that run later.
 */
export function useExampleStore(setup?: (store: Store) => Promise<void>): () => Store {
  let opened: { store: Store; dir: string } | undefined;
  beforeAll(async () => {
    opened = await exampleStore();
    await setup?.(opened.store);
  });
  afterAll(async () => {
    await opened?.store.close();
    if (opened) rmSync(opened.dir, { recursive: true, force: true });
  });
  return () => {
    if (opened === undefined) throw new Error('the example store is opened in beforeAll');
    return opened.store;
  };
}

/** The app over the store, with helpers to sign in as a person of the example. */
export function webHarness(store: Store, options: { baseUrl?: string; signInLimit?: number; trustProxy?: boolean } = {}) {
  const clock = new TestClock();
  const baseUrl = options.baseUrl ?? 'http://localhost:8080';
  const app = createWebApp({
    store, secret: SECRET, baseUrl, clock: clock.read,
    ...(options.signInLimit === undefined ? {} : { signInLimit: options.signInLimit }), ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  const link = async (person: string): Promise<string> => {
    const context: CommandContext = { store, channel: 'cli', clock: clock.read, identity: { kind: 'operator', personId: person, operatorName: 'controllo:test' } };
    return (await createSignInLink(context, { secret: SECRET, baseUrl })).url;
  };
  const tokenOf = (url: string): string => new URL(url).searchParams.get('t') ?? '';
  const postToken = (token: string, headers: Record<string, string> = {}) => app.request('/accesso', {
    method: 'POST', body: new URLSearchParams({ t: token }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
  /** Signs in through a fresh link; returns the Cookie header of the session. */
  const signIn = async (person: string): Promise<string> => {
    const response = await postToken(tokenOf(await link(person)));
    const cookie = response.headers.get('set-cookie') ?? '';
    const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(cookie)?.[1];
    if (value === undefined) throw new Error(`no session cookie (${response.status}): ${await response.text()}`);
    return `${SESSION_COOKIE}=${value}`;
  };
  const get = (path: string, cookie?: string) => app.request(path, cookie === undefined ? {} : { headers: { Cookie: cookie } });
  return { app, clock, link, tokenOf, postToken, signIn, get };
}

/** A page's visible words: tags dropped, entities decoded, spaces collapsed. */
export function pageText(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}
