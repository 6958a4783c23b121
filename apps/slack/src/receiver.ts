import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, SocketModeReceiver, type AppOptions, type Logger } from '@slack/bolt';

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
  return (response: import('node:http').ServerResponse): void => {
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
    const app = new App({
      token: options.token, signingSecret: options.transport.signingSecret, deferInitialization: true, clientOptions,
      customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_request, response) => answerHealth(response) }],
      ...logging,
    });
    return {
      app,
      async listen(port, host) {
        const server = await app.start({ port, ...(host ? { host } : {}) });
        return (server.address() as AddressInfo).port;
      },
      close: async () => { await app.stop(); },
    };
  }

  const receiver = new SocketModeReceiver({
    appToken: options.transport.appToken,
    ...(options.logger ? { logger: options.logger } : { logLevel: options.logLevel ?? LogLevel.INFO }),
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
