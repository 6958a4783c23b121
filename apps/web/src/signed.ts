import type { Context } from 'hono';
import { resolveActor, resolvePlan, type Actor, type Clock, type CommandContext } from '@perf/core';
import { PerfError, type Plan } from '@perf/model';
import type { Store, WebSession } from '@perf/store';
import type { Html } from './html.ts';
import { page, type Viewer } from './pages/layout.ts';

export type WebEnvironment = { Variables: { session: WebSession } };
export type WebContext = Context<WebEnvironment>;

export interface PageDeps {
  readonly store: Store;
  readonly clock: Clock;
}

/** What a signed-in request knows: the session's person and ente, and the command context of the year asked. */
export interface Signed {
  readonly context: CommandContext;
  readonly plan: Plan;
  readonly actor: Actor;
  readonly viewer: Viewer;
  /** `/ente/<year>`: the prefix of the year's pages. */
  readonly base: string;
}

/** The session's person as a core actor (channel `web`), in the plan of the year in the path (or the current one). */
export async function signedRequest(c: WebContext, deps: PageDeps): Promise<Signed> {
  const session = c.get('session');
  const yearText = c.req.param('year');
  if (yearText !== undefined && !/^\d{4}$/.test(yearText)) throw new PerfError('NOT_FOUND', `"${yearText}" non è un anno.`, { hint: 'Forma corretta: /ente/<anno>, ad esempio /ente/2012.' });
  const context: CommandContext = {
    store: deps.store, channel: 'web', clock: deps.clock, ente: session.ente, year: yearText === undefined ? undefined : Number(yearText),
    identity: { kind: 'operator', personId: session.personId, operatorName: `web:${session.personId}` },
  };
  const plan = await resolvePlan(context);
  const actor = resolveActor(plan, context.identity);
  // The core's commands take the plan from the context instead of reading it again; they still check the actor's rights.
  return { context: { ...context, year: plan.year, plan }, plan, actor, base: `/ente/${plan.year}`, viewer: { actor, enteName: plan.ente.name, year: plan.year } };
}

export function show(c: Context, title: string, body: Html, signed: Signed): Response {
  return c.html(page(title, body, signed.viewer).text) as Response;
}
