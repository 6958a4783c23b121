import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPModuleFunctions, HTTPReceiver, LogLevel, SocketModeReceiver, type AppOptions, type Logger } from '@slack/bolt';

/** How Slack reaches the app: signed HTTP requests to a public URL, or Socket Mode (no public URL). */
export type SlackTransport =
  | { readonly mode: 'http'; readonly signingSecret: string }
  | { readonly mode: 'socket'; readonly appToken: string };

export interface BoltAppOptions {
  readonly transport: SlackTransport;
  readonly token: string;
  readonly apiUrl?: string | undefined;
  readonly logger?: Logger | undefined;
  readonly logLevel?: LogLevel | undefined;
  /** Whether the app answers `GET /healthz` with 200 (ready) or 503. */
  readonly isReady: () => boolean;
}

/** The Bolt app and how to start and stop listening, the same in both modes. */
export interface BoltApp {
  readonly app: App;
  /** Listens (HTTP) or connects (Socket Mode, plus the health server); resolves with the port of /healthz. */
  listen(port: number, host: string | undefined): Promise<number>;
  close(): Promise<void>;
}

function healthz(isReady: () => boolean) {
  return (response: ServerResponse): void => {
    const ready = isReady();
    response.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ ok: ready }));
  };
}

/**
 * The real Bolt app for either transport. Every Web API call, Socket Mode's `apps.connections.open`
 * included, goes to `apiUrl` (tests aim it at a local fake that hands out a local ws:// URL).
 */
export function createBoltApp(options: BoltAppOptions): BoltApp {
  const clientOptions: NonNullable<AppOptions['clientOptions']> = {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    // A few quick retries: an undelivered notification is released and retried at the next check.
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true },
  };
  const logging = options.logger ? { logger: options.logger } : { logLevel: options.logLevel ?? LogLevel.INFO };
  const answerHealth = healthz(options.isReady);

  if (options.transport.mode === 'http') {
    const receiver = new HTTPReceiver({
      signingSecret: options.transport.signingSecret,
      customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_request, response) => answerHealth(response) }],
      ...logging,
    });
    const app = new App({ token: options.token, receiver, deferInitialization: true, clientOptions, ...logging });
    let server: Server | undefined;
    return {
      app,
      async listen(port, host) {
        server = createServer((request, response) => void screened(request, response, receiver));
        await new Promise<void>((resolve, reject) => {
          server!.once('error', reject).listen(port, host, () => resolve());
        });
        return (server.address() as AddressInfo).port;
      },
      async close() {
        const listening = server;
        server = undefined;
        if (listening) {
          listening.closeIdleConnections();
          await new Promise<void>((resolve) => listening.close(() => resolve()));
        }
      },
    };
  }

  const receiver = new SocketModeReceiver({
    appToken: options.transport.appToken,
    ...logging,
    installerOptions: { clientOptions },
  });
  const app = new App({ token: options.token, receiver, deferInitialization: true, clientOptions, ...logging });
  // Socket Mode has no HTTP endpoint of its own: a small server answers /healthz on PORT.
  let health: Server | undefined;
  return {
    app,
    async listen(port, host) {
      health = createServer((request, response) => {
        if (request.method === 'GET' && request.url?.split('?')[0] === '/healthz') answerHealth(response);
        else response.writeHead(404).end();
      });
      await new Promise<void>((resolve, reject) => {
        health!.once('error', reject).listen(port, host, () => resolve());
      });
      await app.start();
      return (health.address() as AddressInfo).port;
    },
    async close() {
      await app.stop();
      const server = health;
      health = undefined;
      if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

function refuse(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}

/** Whether a body Slack would send parses: JSON, or a form whose `payload` (interactivity) is JSON. */
function wellFormed(raw: string, contentType: string): boolean {
  try {
    if (contentType.startsWith('application/json')) JSON.parse(raw);
    else if (contentType.startsWith('application/x-www-form-urlencoded')) {
      const payload = new URLSearchParams(raw).get('payload');
      if (payload !== null) JSON.parse(payload);
    } else return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * What Bolt lets through and Slack never sends, refused before Bolt sees it: a timestamp more than
 * five minutes in the future (Bolt checks only the past; a signed request replayable later is as
 * bad as an old one) → 401; a body that does not parse → 400 at once, instead of Bolt's 404 after
 * its 3-second wait for a listener. The body is buffered here and Bolt reuses it.
 */
async function screened(request: IncomingMessage, response: ServerResponse, receiver: HTTPReceiver): Promise<void> {
  if (request.method !== 'POST') {
    receiver.requestListener(request, response);
    return;
  }
  const timestamp = Number(request.headers['x-slack-request-timestamp']);
  if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > MAX_CLOCK_SKEW_SECONDS) {
    refuse(response, 401, 'Richiesta rifiutata: orario della firma nel futuro.');
    return;
  }
  let buffered: IncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(request);
  } catch {
    refuse(response, 413, 'Richiesta rifiutata: corpo troppo grande o interrotto.');
    return;
  }
  const raw = (buffered as IncomingMessage & { rawBody: Buffer }).rawBody.toString('utf8');
  if (!wellFormed(raw, String(request.headers['content-type'] ?? ''))) {
    refuse(response, 400, 'Richiesta rifiutata: corpo non valido (JSON o modulo con payload JSON).');
    return;
  }
  receiver.requestListener(buffered, response);
}
