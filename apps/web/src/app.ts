import { readFileSync } from 'node:fs';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  loadYearStatus, resolveActor, resolvePlan, sessionOf, signInWithToken, statusOf, SIGN_IN_PATH, type Actor, type Clock, type CommandContext,
} from '@perf/core';
import { PerfError, type Plan } from '@perf/model';
import type { Store, WebSession } from '@perf/store';
import { html, type Html } from './html.ts';
import { areaListPage, areaPage, personalPage } from './pages/area.ts';
import { cruscottoPage } from './pages/ente.ts';
import { page, type Viewer } from './pages/layout.ts';
import { indicatorPage, objectivePage } from './pages/objective.ts';
import { confirmSignIn, signInHelp } from './pages/sign-in.ts';
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
}

/** What a signed-in request knows: the session's person and ente, and the command context of the year asked. */
interface Signed {
  readonly session: WebSession;
  readonly context: CommandContext;
  readonly plan: Plan;
  readonly actor: Actor;
  readonly viewer: Viewer;
  readonly base: string;
}

type Env = { Variables: { session: WebSession } };

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
  const limit = rateLimit({ limit: options.signInLimit ?? 10, windowMs: 60_000, now: () => Date.now(), key: clientAddress });
  app.post(SIGN_IN_PATH, limit, async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.t === 'string' ? form.t : '';
    const { sessionId, session } = await signInWithToken(store, options.secret, token, clock());
    setCookie(c, SESSION_COOKIE, sessionId, {
      httpOnly: true, sameSite: 'Strict', secure: options.baseUrl.startsWith('https:'), path: '/', expires: session.expiresAt,
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

  async function signed(c: Context<Env>): Promise<Signed> {
    const session = c.get('session');
    const yearText = c.req.param('year');
    if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw new PerfError('NOT_FOUND', `"${yearText}" non è un anno.`, { hint: 'Forma corretta: /ente/<anno>, ad esempio /ente/2012.' });
    const context: CommandContext = {
      store, channel: 'web', clock, ente: session.ente, year: yearText === undefined ? undefined : Number(yearText),
      identity: { kind: 'operator', personId: session.personId, operatorName: `web:${session.personId}` },
    };
    const plan = await resolvePlan(context);
    const actor = resolveActor(plan, context.identity);
    return { session, context: { ...context, year: plan.year }, plan, actor, base: `/ente/${plan.year}`, viewer: { actor, enteName: plan.ente.name, year: plan.year } };
  }
  const show = (c: Context, title: string, body: Html, s: Signed) => c.html(page(title, body, s.viewer).text);

  app.get('/', async (c) => {
    const s = await signed(c);
    const reply = await statusOf({ kind: 'ente' }, s.context);
    return c.redirect(reply.scope === 'ente' ? s.base : `${s.base}/miei`, 303);
  });
  app.get('/ente/:year', async (c) => {
    const s = await signed(c);
    const reply = await statusOf({ kind: 'ente' }, s.context);
    if (reply.scope !== 'ente') return c.redirect(`${s.base}/miei`, 303);
    return show(c, `Cruscotto dell’ente ${s.plan.year}`, cruscottoPage(s.plan, reply.report), s);
  });
  app.get('/ente/:year/obiettivo/:id', async (c) => {
    const s = await signed(c);
    const reply = await statusOf({ kind: 'item', text: c.req.param('id') }, s.context);
    if (reply.scope !== 'objective') throw new PerfError('TARGET_UNKNOWN', `"${c.req.param('id')}" non è un obiettivo del Piano.`);
    const history = await store.history(s.plan.ente.code, s.plan.year);
    return show(c, `Obiettivo ${reply.objective.id}: ${reply.objective.title}`, objectivePage(s.base, reply, history), s);
  });
  app.get('/ente/:year/indicatore/:id', async (c) => {
    const s = await signed(c);
    const id = c.req.param('id');
    if (!/^\d+$/.test(id)) throw new PerfError('TARGET_UNKNOWN', `"${id}" non è il numero di un indicatore.`);
    const reply = await statusOf({ kind: 'item', text: `#${id}` }, s.context);
    if (reply.scope !== 'indicator') throw new PerfError('TARGET_UNKNOWN', `"${id}" non è un indicatore del Piano.`);
    return show(c, `Indicatore ${reply.indicator.id}: ${reply.indicator.name}`, indicatorPage(s.base, reply), s);
  });
  app.get('/ente/:year/miei', async (c) => {
    const s = await signed(c);
    const reply = await statusOf({ kind: 'me' }, s.context);
    if (reply.scope !== 'me') throw new PerfError('INTERNAL', 'Risposta inattesa.');
    return show(c, `I miei indicatori ${s.plan.year}`, personalPage(s.base, reply), s);
  });
  app.get('/ente/:year/aree', async (c) => {
    const s = await signed(c);
    return show(c, `Aree organizzative ${s.plan.year}`, areaListPage(s.base, s.plan, s.actor), s);
  });
  app.get('/ente/:year/area/:id', async (c) => {
    const s = await signed(c);
    const { title, body } = areaPage(s.base, s.plan, await loadYearStatus(store, s.plan), s.actor, c.req.param('id'));
    return show(c, title, body, s);
  });
  return app;
}

function errorBody(error: PerfError): Html {
  return html`<p class="error">${error.message}</p>${error.hint === undefined ? '' : html`<p>${error.hint}</p>`}<p><a href="/">Torna al cruscotto</a></p>`;
}

function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'locale';
}
