import type { types } from '@slack/bolt';
import { gradeText, loadStatus, missingNowIn, resolvePlan, statusOf } from '@perf/core';
import { italianPeriodName } from '@perf/model';
import { ACTION } from './actions.ts';
import { button, contextBlock, escapeText, header, replyMessage, section } from './blocks.ts';
import { errorMessage } from './errors.ts';
import { commandContext, type SlackRuntime } from './runtime.ts';

/**
 * The App Home tab of one person: what is still missing (the core's `missingNowIn`), then their indicators
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
    // The person's own indicators by the core's rule and period (`/perf missing` of a staff member).
    const open = person && plan.indicators.some((i) => i.owner === person.id)
      ? await missingNowIn(runtime.store, plan, { kind: 'person', person: person.id }, runtime.clock())
      : undefined;
    if (open) {
      const { period, indicators: missing } = open;
      blocks.push(section(missing.length === 0
        ? `✅ Tutti i tuoi indicatori hanno un valore per il ${italianPeriodName(period)}.`
        : `*Da rilevare per il ${italianPeriodName(period)} (${missing.length}):*\n${missing.map((i) => `• *${i.id}* ${escapeText(i.name)}`).join('\n')}`));
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
