import type { Hono } from 'hono';
import { loadYearStatus, statusOf } from '@perf/core';
import { PerfError } from '@perf/model';
import { areaListPage, areaPage, personalPage } from '../pages/area.ts';
import { cruscottoPage } from '../pages/ente.ts';
import { indicatorPage, objectivePage } from '../pages/objective.ts';
import { show, signedRequest, type PageDeps, type WebEnvironment } from '../signed.ts';

/** The results pages: the ente, an objective, an indicator, the Areas, a person's own indicators. */
export function registerPages(app: Hono<WebEnvironment>, deps: PageDeps): void {
  app.get('/', async (c) => {
    const s = await signedRequest(c, deps);
    const reply = await statusOf({ kind: 'ente' }, s.context);
    return c.redirect(reply.scope === 'ente' ? s.base : `${s.base}/miei`, 303);
  });
  app.get('/ente/:year', async (c) => {
    const s = await signedRequest(c, deps);
    const reply = await statusOf({ kind: 'ente' }, s.context);
    if (reply.scope !== 'ente') return c.redirect(`${s.base}/miei`, 303);
    return show(c, `Cruscotto dell’ente ${s.plan.year}`, cruscottoPage(s.plan, reply.report), s);
  });
  app.get('/ente/:year/obiettivo/:id', async (c) => {
    const s = await signedRequest(c, deps);
    const reply = await statusOf({ kind: 'item', text: c.req.param('id') }, s.context);
    if (reply.scope !== 'objective') throw new PerfError('TARGET_UNKNOWN', `"${c.req.param('id')}" non è un obiettivo del Piano.`);
    const [history, comments] = await Promise.all([deps.store.history(s.plan.ente.code, s.plan.year), deps.store.relazione.comments(s.plan.ente.code, s.plan.year)]);
    // The objective's own comment and those of its operational objectives (a strategic objective's page).
    const shown = new Set([reply.objective.id, ...reply.operational.map((op) => op.id)]);
    return show(c, `Obiettivo ${reply.objective.id}: ${reply.objective.title}`, objectivePage(s.base, reply, history, comments.filter((k) => shown.has(k.objective))), s);
  });
  app.get('/ente/:year/indicatore/:id', async (c) => {
    const s = await signedRequest(c, deps);
    const id = c.req.param('id');
    if (!/^\d+$/.test(id)) throw new PerfError('TARGET_UNKNOWN', `"${id}" non è il numero di un indicatore.`);
    const reply = await statusOf({ kind: 'item', text: `#${id}` }, s.context);
    if (reply.scope !== 'indicator') throw new PerfError('TARGET_UNKNOWN', `"${id}" non è un indicatore del Piano.`);
    return show(c, `Indicatore ${reply.indicator.id}: ${reply.indicator.name}`, indicatorPage(s.base, reply), s);
  });
  app.get('/ente/:year/miei', async (c) => {
    const s = await signedRequest(c, deps);
    const reply = await statusOf({ kind: 'me' }, s.context);
    if (reply.scope !== 'me') throw new PerfError('INTERNAL', 'Risposta inattesa.');
    return show(c, `I miei indicatori ${s.plan.year}`, personalPage(s.base, reply), s);
  });
  app.get('/ente/:year/aree', async (c) => {
    const s = await signedRequest(c, deps);
    return show(c, `Aree organizzative ${s.plan.year}`, areaListPage(s.base, s.plan, s.actor), s);
  });
  app.get('/ente/:year/area/:id', async (c) => {
    const s = await signedRequest(c, deps);
    const { title, body } = areaPage(s.base, s.plan, await loadYearStatus(deps.store, s.plan), s.actor, c.req.param('id'));
    return show(c, title, body, s);
  });
}
