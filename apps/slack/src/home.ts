import type { types } from '@slack/bolt';
import { gradeText, loadStatus, openPeriod, resolvePlan, statusOf } from '@perf/core';
import { formatPeriod, italianPeriodName } from '@perf/model';
import { ACTION } from './actions.ts';
import { button, contextBlock, escapeText, header, replyMessage, section } from './blocks.ts';
import { errorMessage } from './errors.ts';
import { commandContext, type SlackRuntime } from './runtime.ts';

/**
 * The App Home tab of one person: what is still missing in the open period, then their indicators
 * with the last values and grades (the `status me` reply), and a button to the check-in modal.
 */
export async function homeView(runtime: SlackRuntime, userId: string): Promise<types.HomeView> {
  const blocks: types.KnownBlock[] = [];
  try {
    const context = commandContext(runtime, userId);
    const reply = await statusOf({ kind: 'me' }, context);
    const plan = await resolvePlan(context);
    const person = plan.people.find((p) => p.slack === userId);
    blocks.push(header(`perf — ${plan.ente.name}`));
    const open = openPeriod(plan, runtime.clock());
    const mine = plan.indicators.filter((i) => i.owner === person?.id);
    if (open && mine.length > 0) {
      const reported = await runtime.store.valuesOfPeriod(plan.ente.code, plan.year, formatPeriod(open));
      const missing = mine.filter((i) => !reported.has(i.id));
      blocks.push(section(missing.length === 0
        ? `✅ Tutti i tuoi indicatori hanno un valore per il ${italianPeriodName(open)}.`
        : `*Da rilevare per il ${italianPeriodName(open)} (${missing.length}):*\n${missing.map((i) => `• *${i.id}* ${escapeText(i.name)}`).join('\n')}`));
    }
    if (person && person.role !== 'staff') {
      blocks.push(section(`*Performance complessiva dell'ente:* ${gradeText((await loadStatus(context, plan)).overall)}`));
    }
    blocks.push({ type: 'actions', elements: [button('Registra un valore', ACTION.openCheckIn, '', 'primary')] });
    blocks.push(...replyMessage(reply).blocks);
    blocks.push(contextBlock('Comandi: `/perf help` · puoi anche scrivermi qui, ad esempio «status me» oppure «12: 23,5».'));
  } catch (error) {
    blocks.push(section('*perf — Piano della Performance*'), ...errorMessage(error, runtime.logger).blocks);
  }
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
