import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AdaptiveCardActionExecuteResponseType, AgentApplication, CloudAdapter, type AuthConfiguration, type Request, type TurnState, type WebResponse,
} from '@microsoft/agents-hosting';
import { CycleScheduler, DEFAULT_CHECK_INTERVAL_MINUTES, DEFAULT_REMINDER_DAYS, InFlight } from '@perf/chat';
import type { Clock, CycleOutcome } from '@perf/core';
import type { Store } from '@perf/store';
import { answeredCard, VERB } from './cards.ts';
import { runTeamsChecks } from './cycle.ts';
import type { TeamsEnv } from './env.ts';
import { handleFileConsent } from './relazione.ts';
import type { TeamsRuntime } from './runtime.ts';
import { handleConfirm, handleInstall, handleMessage, handleStatusDrill } from './turns.ts';

export interface TeamsAppOptions {
  readonly store: Store;
  /** The bot's Entra app id: incoming tokens are checked against it. Unset: local trial mode (anonymous). */
  readonly appId?: string | undefined;
  readonly appPassword?: string | undefined;
  readonly tenantId?: string | undefined;
  /** Entra authority whose keys are trusted; `https://login.microsoftonline.com/<tenant>` by default. */
  readonly authorityUrl?: string | undefined;
  /** How the bot gets its own outgoing tokens, when not by client secret (e.g. the SDK's Entra sidecar). */
  readonly outgoingAuth?: Partial<AuthConfiguration> | undefined;
  readonly clock?: Clock | undefined;
  readonly summaryConversation?: string | undefined;
  readonly serviceUrl?: string | undefined;
  readonly reminderDays?: number | undefined;
  readonly checkIntervalMinutes?: number | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

export interface TeamsApp {
  start(listen?: { readonly port?: number; readonly host?: string }): Promise<{ port: number }>;
  runChecks(): Promise<CycleOutcome>;
  stop(): Promise<void>;
}

function authConfiguration(options: TeamsAppOptions): AuthConfiguration {
  if (options.appId === undefined) return {};
  const authority = options.authorityUrl ?? `https://login.microsoftonline.com/${options.tenantId ?? 'botframework.com'}`;
  const config: AuthConfiguration = {
    clientId: options.appId,
    ...(options.appPassword === undefined ? {} : { clientSecret: options.appPassword }),
    ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
    authorityEndpoint: authority, authority, validateIssuer: true,
    issuers: ['https://api.botframework.com', `${authority.replace(/\/+$/, '')}/v2.0`],
    ...options.outgoingAuth,
  };
  return { ...config, connections: new Map([['serviceConnection', config]]), connectionsMap: [{ serviceUrl: '*', connection: 'serviceConnection' }] };
}

/**
 * With TEAMS_TENANT_ID, a token naming another tenant (`tid`) is refused whatever its issuer (the SDK binds
 * `tid` to the issuer only for login.microsoftonline.com issuers); Bot Connector tokens carry no `tid`.
 */
function fromOwnTenant(request: Request, tenantId: string | undefined): boolean {
  const tid = request.user?.tid as unknown;
  return tenantId === undefined || tid === undefined || (typeof tid === 'string' && tid.toLowerCase() === tenantId.toLowerCase());
}

/** node:http's response with the small Express-like surface the SDK writes to. */
function webResponse(res: ServerResponse): WebResponse {
  const web = Object.assign(res, {
    status: (code: number) => { res.statusCode = code; return web; },
    // As in Express, send() writes the body and ends the response.
    send: (body?: unknown) => { res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body)); return web; },
  });
  return web as unknown as WebResponse;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK hands an `Action.Execute` handler the whole action; the button's payload is its `data`. */
const payload = (action: unknown): unknown => (action as { data?: unknown } | undefined)?.data;

function routes(app: AgentApplication<TurnState>, runtime: TeamsRuntime): void {
  app.onConversationUpdate('membersAdded', (context) => handleInstall(runtime, context));
  app.onActivity('message', (context) => handleMessage(runtime, context));
  app.adaptiveCards.actionExecute(VERB.confirm, (context, _state, data) => handleConfirm(runtime, context, payload(data)));
  app.adaptiveCards.actionExecute(VERB.cancel, async () => answeredCard('Annullato: nulla è stato registrato.'));
  app.adaptiveCards.actionExecute(VERB.status, (context, _state, data) => handleStatusDrill(runtime, context, payload(data)));
  app.onActivity((context) => Promise.resolve(context.activity.type === 'invoke' && context.activity.name === 'fileConsent/invoke'), (context) => handleFileConsent(runtime, context));
}

/** The perf Teams app: an `AgentApplication` on a `CloudAdapter`, served by node:http (`POST /api/messages`, `GET /healthz`). */
export function createTeamsApp(options: TeamsAppOptions): TeamsApp {
  const log = options.log ?? ((line: string) => console.error(line));
  const adapter = new CloudAdapter(authConfiguration(options));
  const app = new AgentApplication<TurnState>({ adapter, adaptiveCardsOptions: { actionExecuteResponseType: AdaptiveCardActionExecuteResponseType.REPLACE_FOR_ALL } });
  const runtime: TeamsRuntime = {
    store: options.store, clock: options.clock ?? (() => new Date()), adapter, appId: options.appId ?? 'perf-local',
    summaryConversation: options.summaryConversation, serviceUrl: options.serviceUrl ?? 'https://smba.trafficmanager.net/teams/',
    reminderDays: options.reminderDays ?? DEFAULT_REMINDER_DAYS, log,
  };
  routes(app, runtime);
  app.onError(async (_context, error) => log(`perf Teams: errore non gestito: ${error.stack ?? error.message}`));

  let ready = false;
  const inFlight = new InFlight();
  const scheduler = new CycleScheduler({
    app: 'teams', check: () => runTeamsChecks(runtime), intervalMinutes: options.checkIntervalMinutes ?? DEFAULT_CHECK_INTERVAL_MINUTES, log, inFlight,
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: ready }));
      return;
    }
    if (req.method !== 'POST' || req.url !== '/api/messages') {
      res.writeHead(404).end();
      return;
    }
    const body = await readJson(req);
    if (body === undefined) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Corpo della richiesta non valido: serve un\'attività JSON.' }));
      return;
    }
    const request: Request = { body, headers: req.headers, method: req.method };
    const response = webResponse(res);
    let authorized = false;
    await adapter.authorizeRequest(request, response, () => { authorized = true; });
    if (!authorized || !fromOwnTenant(request, options.tenantId)) {
      if (!res.writableEnded) res.writeHead(401).end();
      return;
    }
    await adapter.process(request, response, (context) => app.run(context));
  };

  const server: Server = createServer((req, res) => {
    const work = handle(req, res).catch((error: unknown) => {
      log(`perf Teams: richiesta non gestita: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
    void inFlight.track(work);
  });

  return {
    async start(listen = {}) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(listen.port ?? 3978, listen.host, () => resolve());
      });
      ready = true;
      void scheduler.start();
      return { port: (server.address() as AddressInfo).port };
    },
    runChecks: () => scheduler.runNow(),
    async stop() {
      ready = false;
      await scheduler.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      await inFlight.idle();
    },
  };
}

/** The app as `pnpm teams` and `pnpm serve` configure it from the environment. */
export function teamsAppFromEnv(env: TeamsEnv, store: Store, log?: (line: string) => void): TeamsApp {
  return createTeamsApp({
    store, appId: env.appId, appPassword: env.appPassword, tenantId: env.tenantId, authorityUrl: env.authorityUrl, clock: env.clock,
    summaryConversation: env.summaryConversation, serviceUrl: env.serviceUrl, reminderDays: env.reminderDays, checkIntervalMinutes: env.checkIntervalMinutes, log,
  });
}
