import { createServer, type Server } from 'node:http';
import { listenForCommands, type CommandListener } from '@perf/cli/forward';
import { PerfError } from '@perf/model';
import { DEFAULT_DB_LOCATION, isPostgresUrl, openStore, type Store } from '@perf/store';
import { readWebEnv } from '@perf/web/env';
import { CHANNELS, channelEnv, missingVariable, WEB_CHANNEL, type ChannelDefinition, type RunningChannel } from './channels.ts';

export const DEFAULT_SERVE_PORT = 8000;

export interface ServeOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** The channels to consider (all of them by default); tests pass a subset. */
  readonly channels?: readonly ChannelDefinition[];
}

export interface RunningServe {
  readonly store: Store;
  /** The port of the shared GET /healthz. */
  readonly port: number;
  readonly started: readonly string[];
  readonly skipped: readonly { readonly name: string; readonly missing: string }[];
  /** The local socket CLI commands are forwarded to (embedded database only). */
  readonly socketPath: string | undefined;
  stop(): Promise<void>;
}

function servePort(env: NodeJS.ProcessEnv): number {
  const text = env.PORT?.trim();
  if (!text) return DEFAULT_SERVE_PORT;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new PerfError('ENV_INVALID', `PORT="${text}" non valido: serve un numero di porta da 0 a 65535.`, { hint: `La porta di GET /healthz di pnpm serve (default ${DEFAULT_SERVE_PORT}).` });
  }
  return port;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** `pnpm serve`: one store, every channel whose variables are set, one /healthz, the CLI's local socket. */
export async function startServe(options: ServeOptions = {}): Promise<RunningServe> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.error(line));
  const port = servePort(env);
  const db = env.PERF_DB?.trim() || DEFAULT_DB_LOCATION;
  const store = await openStore(db, { embeddedThread: 'worker' });
  const running: { name: string; channel: RunningChannel }[] = [];
  const skipped: { name: string; missing: string }[] = [];
  let ready = false;
  let commands: CommandListener | undefined;
  const health = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: ready, channels: running.map((r) => r.name), skipped: skipped.map((s) => s.name) }));
    } else res.writeHead(404).end();
  });
  const stop = async () => {
    ready = false;
    await commands?.close();
    for (const { channel } of running.reverse()) await channel.stop().catch((error: unknown) => log(`perf serve: arresto non riuscito: ${(error as Error).message}`));
    await new Promise<void>((resolve) => { health.close(() => resolve()); });
    await store.close();
  };
  try {
    for (const channel of options.channels ?? CHANNELS) {
      const missing = missingVariable(channel, env);
      if (missing !== undefined) {
        skipped.push({ name: channel.name, missing });
        continue;
      }
      running.push({ name: channel.name, channel: await channel.start(channelEnv(channel, env, db), store, log) });
    }
    // The dashboard's secret signs the links printed for `perf web link`, as the running dashboard checks them.
    const web = missingVariable(WEB_CHANNEL, env) === undefined ? readWebEnv(channelEnv(WEB_CHANNEL, env, db)) : undefined;
    if (!isPostgresUrl(db) && db !== 'memory:') commands = await listenForCommands(store, db, log, web);
    const healthPort = await listen(health, port);
    ready = true;
    for (const { name, channel } of running) log(`perf serve: ${name} avviato, ${channel.where}.`);
    for (const { name, missing } of skipped) log(`perf serve: ${name} non avviato: manca ${missing}.`);
    if (running.length === 0) log('perf serve: nessun canale avviato; restano il controllo di salute e i comandi della CLI.');
    log(`perf serve: GET /healthz sulla porta ${healthPort}; database ${store.engine === 'postgres' ? 'PostgreSQL' : `incorporato in ${db}`}${commands ? `; i comandi di pnpm perf su questo database passano da ${commands.path}` : ''}.`);
    return { store, port: healthPort, started: running.map((r) => r.name), skipped, socketPath: commands?.path, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
