import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessionOf, signInWithToken, SIGN_IN_PATH, type Clock } from '@perf/core';
import { PerfError } from '@perf/model';
import type { Store } from '@perf/store';
import { html, type Html } from './html.ts';
import { page } from './pages/layout.ts';
import { confirmSignIn, signInHelp } from './pages/sign-in.ts';
import { registerMonitoring } from './routes/monitoring.ts';
import { registerPages } from './routes/pages.ts';
import { registerPublic } from './routes/public.ts';
import type { WebEnvironment } from './signed.ts';
import { rateLimit, securityHeaders } from './security.ts';

export const SESSION_COOKIE = 'perf_sessione';
const STYLESHEET = readFileSync(new URL('../static/style.css', import.meta.url), 'utf8');

export interface WebOptions {
  readonly store: Store;
  readonly secret: string;
  /** PERF_WEB_URL: cookies are Secure when it is https. */
  readonly baseUrl: string;
  readonly clock: Clock;
  /** Sign-in attempts allowed per address and minute (default 10). */
  readonly signInLimit?: number;
  /** PERF_WEB_TRUST_PROXY: behind a reverse proxy, the client is the last address of X-Forwarded-For. */
  readonly trustProxy?: boolean;
}

type Env = WebEnvironment;

const NOT_FOUND_CODES = new Set(['TARGET_UNKNOWN', 'YEAR_UNKNOWN', 'INDICATOR_UNKNOWN', 'NO_PLAN', 'ENTE_UNKNOWN', 'NOT_FOUND']);

function errorStatus(error: PerfError): 400 | 403 | 404 {
  if (error.code === 'PERMISSION_DENIED' || error.code === 'PERSON_UNKNOWN') return 403;
  return NOT_FOUND_CODES.has(error.code) ? 404 : 400;
}

function errorTitle(status: number): string {
  return status === 403 ? 'Accesso non consentito' : status === 404 ? 'Pagina non trovata' : 'Richiesta non valida';
}

export function createWebApp(options: WebOptions): Hono<Env> {
  const { store, clock } = options;
  const app = new Hono<Env>();
  app.use('*', securityHeaders);

  app.onError((error, c) => {
    if (error instanceof PerfError) {
      const status = errorStatus(error);
      return c.html(page(errorTitle(status), errorBody(error)).text, status);
    }
    console.error(error);
    return c.html(page('Errore interno', 'Si è verificato un errore: riprova; se si ripete, avvisa il controllo di gestione.').text, 500);
  });
  app.notFound((c) => c.html(page('Pagina non trovata', 'L’indirizzo non corrisponde ad alcuna pagina del cruscotto.').text, 404));

  app.get('/healthz', (c) => c.text('ok'));
  app.get('/static/style.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  app.get(SIGN_IN_PATH, (c) => {
    const token = c.req.query('t');
    return c.html(page('Accesso al cruscotto', token === undefined ? signInHelp() : confirmSignIn(token)).text);
  });
  const limit = rateLimit({
    limit: options.signInLimit ?? 10, windowMs: 60_000, now: () => Date.now(), key: (c) => clientAddress(c, options.trustProxy ?? false),
    refusal: (seconds) => page('Troppi tentativi di accesso', html`<p class="error">Troppi tentativi di accesso da questo indirizzo.</p><p>Riprova tra ${seconds === 1 ? 'un secondo' : `${seconds} secondi`}; se il link è scaduto o già usato, chiedine uno nuovo.</p>`).text,
  });
  app.post(SIGN_IN_PATH, limit, async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.t === 'string' ? form.t : '';
    const { sessionId, session } = await signInWithToken(store, options.secret, token, clock());
    // Max-Age, not Expires: the browser's clock need not agree with the server's (PERF_NOW in a trial, a skewed
    // clock), and the store ends the session at `session.expiresAt` whatever the cookie says.
    setCookie(c, SESSION_COOKIE, sessionId, {
      httpOnly: true, sameSite: 'Strict', secure: options.baseUrl.startsWith('https:'), path: '/',
      maxAge: Math.round((session.expiresAt.getTime() - clock().getTime()) / 1000),
    });
    return c.redirect('/', 303);
  });
  app.post('/esci', (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect(SIGN_IN_PATH, 303);
  });

  app.use('/', requireSession);
  app.use('/ente/*', requireSession);
  async function requireSession(c: Context<Env>, next: () => Promise<void>): Promise<Response | void> {
    const id = getCookie(c, SESSION_COOKIE);
    const session = id === undefined ? undefined : await sessionOf(store, id, clock());
    if (session === undefined) return c.html(page('Accesso al cruscotto', signInHelp()).text, 401);
    c.set('session', session);
    return next();
  }

  registerPublic(app, { store, clock });
  registerPages(app, { store, clock });
  registerMonitoring(app, { store, clock });
  return app;
}

function errorBody(error: PerfError): Html {
  return html`<p class="error">${error.message}</p>${error.hint === undefined ? '' : html`<p>${error.hint}</p>`}<p><a href="/">Torna al cruscotto</a></p>`;
}

/**
 * Whom the sign-in limit counts: the socket's peer, or, behind a trusted reverse proxy (which every
 * request would otherwise share one allowance through), the address the proxy appended last.
 */
function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  if (forwarded) return forwarded;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'locale';
}
