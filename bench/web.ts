import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createSignInLink, type CommandContext } from '@perf/core';
import { openStore } from '@perf/store';
import { request } from 'undici';
import { importPlanFile, importValuesFile } from '../apps/cli/src/import-files.ts';
import { createWebApp, SESSION_COOKIE } from '../apps/web/src/app.ts';
import { fmt, percentile, type Bench, type BenchFigure } from './harness.ts';

const EXAMPLE_DIR = fileURLToPath(new URL('../examples/cciaa-ms-2012/', import.meta.url));
const REQUESTS = Number(process.env.PERF_BENCH_WEB_REQUESTS ?? 400);
const WARMUP = 30;
const SECRET = 'bench-secret-of-the-dashboard-0123456789';
/** Inside Q4 2012, as the web tests: the example's values are all in. */
const NOW = new Date('2012-11-15T10:00:00+01:00');
/** The baseline's path: the same page's bytes, fixed, through the same app and its middleware. */
const STATIC_PATH = '/banco/statico';

const PAGES = [
  { label: 'cruscotto dell’ente 2012', path: '/ente/2012' },
  { label: 'obiettivo operativo 04.1 (indicatori e 3 grafici dei valori)', path: '/ente/2012/obiettivo/04.1' },
] as const;

interface Timed { server: number[]; roundTrip: number[] }

/**
 * `pnpm web` as main.ts starts it (embedded store on a worker thread, the real app on a loopback
 * port), with one more route: a fixed body of the page's size. The server time of each request is
 * taken around the app's handler; the round trip by the client, over one kept-alive connection.
 */
export const webBench: Bench = {
  name: 'web',
  description: 'cruscotto e pagina di un obiettivo dell’esempio: tempo del server p50/p99 accanto a una risposta statica della stessa dimensione, dallo stesso server',
  async run(log) {
    const dir = mkdtempSync(join(tmpdir(), 'perf-bench-web-'));
    const store = await openStore(join(dir, 'db'), { embeddedThread: 'worker' });
    let server: ServerType | undefined;
    try {
      const context: CommandContext = { store, channel: 'cli', clock: () => NOW, identity: { kind: 'operator', operatorName: 'bench' } };
      await importPlanFile(join(EXAMPLE_DIR, 'piano-2012.yaml'), context);
      await importValuesFile(join(EXAMPLE_DIR, 'valori-2012.yaml'), context);
      const app = createWebApp({ store, secret: SECRET, baseUrl: 'http://127.0.0.1', clock: () => NOW });
      let staticBody = '';
      app.get(STATIC_PATH, (c) => c.html(staticBody));
      /** Where the server times of the requests being measured go (none during warm-up). */
      let sink: number[] | undefined;
      server = serve({
        port: 0, hostname: '127.0.0.1',
        fetch: async (req, env) => {
          const started = performance.now();
          const response = await app.fetch(req, env);
          sink?.push(performance.now() - started);
          return response;
        },
      });
      await new Promise<void>((resolve) => (server?.listening ? resolve() : server?.once('listening', () => resolve())));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

      const link = await createSignInLink({ ...context, identity: { kind: 'operator', personId: 'f.serra', operatorName: 'bench' } }, { secret: SECRET, baseUrl: origin });
      const signIn = await request(`${origin}/accesso`, { method: 'POST', body: new URLSearchParams({ t: new URL(link.url).searchParams.get('t') ?? '' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      await signIn.body.dump();
      const cookie = new RegExp(`${SESSION_COOKIE}=[^;]+`).exec(String(signIn.headers['set-cookie'] ?? ''))?.[0];
      if (cookie === undefined) throw new Error(`accesso non riuscito (${signIn.statusCode})`);

      const time = async (path: string): Promise<Timed> => {
        const roundTrip: number[] = [];
        const serverTimes: number[] = [];
        for (let i = 0; i < WARMUP + REQUESTS; i++) {
          sink = i < WARMUP ? undefined : serverTimes;
          const started = performance.now();
          const response = await request(`${origin}${path}`, { headers: { cookie } });
          const text = await response.body.text();
          if (response.statusCode !== 200 || text.length === 0) throw new Error(`${path}: risposta ${response.statusCode}`);
          if (i >= WARMUP) roundTrip.push(performance.now() - started);
        }
        sink = undefined;
        return { server: serverTimes, roundTrip };
      };

      const figures: BenchFigure[] = [];
      for (const page of PAGES) {
        const sample = await request(`${origin}${page.path}`, { headers: { cookie } });
        staticBody = await sample.body.text();
        const bytes = Buffer.byteLength(staticBody);
        // Interleaved halves, so a neighbour's burst on this shared machine weighs on both alike.
        const first = await time(page.path);
        const bare = await time(STATIC_PATH);
        const second = await time(page.path);
        const dynamic = { server: [...first.server, ...second.server], roundTrip: [...first.roundTrip, ...second.roundTrip] };
        for (const p of [50, 99]) {
          const value = percentile(dynamic.server, p);
          const baseline = percentile(bare.server, p);
          log(`${page.label} (${bytes.toLocaleString('it-IT')} byte): p${p} server ${fmt(value, 2)} ms, statica ${fmt(baseline, 2)} ms; andata e ritorno ${fmt(percentile(dynamic.roundTrip, p), 2)} / ${fmt(percentile(bare.roundTrip, p), 2)} ms`);
          figures.push({
            bench: 'web', label: `${page.label}, p${p} del tempo del server (${REQUESTS * 2} richieste)`, value, unit: 'ms',
            baselineLabel: `risposta statica di ${bytes.toLocaleString('it-IT')} byte, stesso server`, baseline, goal: 'riportato', met: true,
            note: `andata e ritorno p${p}: ${fmt(percentile(dynamic.roundTrip, p), 2)} ms contro ${fmt(percentile(bare.roundTrip, p), 2)} ms`,
          });
        }
      }
      return figures;
    } finally {
      await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
