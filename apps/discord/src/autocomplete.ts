import { missingNowIn, reportableIndicators, resolveActor, resolvePlan, scopeOf, type CommandContext } from '@perf/core';
import { formatPeriod } from '@perf/model';
import type { APIApplicationCommandOptionChoice } from 'discord.js';

/** Discord shows at most 25 choices, each name at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_NAME = 100;

/**
 * The indicators this person may report (§5), filtered by what was typed (number or words of the
 * name); those still missing (the core's `missingNowIn`) come first.
 */
export async function indicatorChoices(typed: string, context: CommandContext): Promise<APIApplicationCommandOptionChoice<number>[]> {
  const plan = await resolvePlan(context);
  const actor = resolveActor(plan, context.identity);
  // The core's rule and period, so "(manca …)" marks exactly what `/perf missing` lists.
  const open = await missingNowIn(context.store, plan, scopeOf(plan, actor), context.clock());
  const missing = new Set(open?.indicators.map((i) => i.id));
  const period = open === undefined ? '' : formatPeriod(open.period);
  const query = typed.trim().replace(/^#/, '').toLowerCase();
  const words = query.split(/\s+/).filter((w) => w !== '');
  return reportableIndicators(plan, actor)
    .filter((i) => query === '' || String(i.id).startsWith(query) || words.every((w) => i.name.toLowerCase().includes(w)))
    .sort((a, b) => Number(missing.has(b.id)) - Number(missing.has(a.id)) || a.id - b.id)
    .slice(0, MAX_CHOICES)
    .map((i) => {
      const suffix = missing.has(i.id) ? ` (manca ${period})` : '';
      const name = `${i.id} — ${i.name}`;
      return { name: name.length + suffix.length <= MAX_NAME ? name + suffix : `${name.slice(0, MAX_NAME - suffix.length - 1)}…${suffix}`, value: i.id };
    });
}
