import { defaultReportPeriod, formatPeriod, italianPeriodName, parsePeriod } from '@perf/model';
import { byOwner, missingIndicators, scopeOf } from '../missing.ts';
import { planLabel, type MissingReply } from '../replies.ts';
import { ALL_ROLES, defineCommand } from './command.ts';
import { field, optionalText } from './fields.ts';

export const missingCommand = defineCommand<{ period: string | undefined }, MissingReply>({
  name: 'missing',
  aliases: ['mancanti', 'mancano'],
  reach: 'all',
  access: 'person',
  roles: ALL_ROLES,
  fields: {
    period: field('text', optionalText(), 'il periodo (default: il periodo corrente, o l\'ultimo se l\'anno è finito)', '<periodo>', { positional: true, keys: ['period', 'periodo'], option: 'period' }),
  },
  input: (p) => ({ period: p.period as string | undefined }),
  slow: false,
  json: true,
  summary: "gli indicatori ancora senza valore per un periodo: il personale i propri, un dirigente quelli della sua Area, controllo di gestione e OIV quelli dell'ente, per persona",
  examples: ['', '2012-Q3'],
  execute: async (input, { context, plan, actor }) => {
    const period = input.period === undefined ? defaultReportPeriod(plan, context.clock()) : parsePeriod(input.period, plan);
    const scope = scopeOf(plan, actor);
    const missing = await missingIndicators(context.store, plan, scope, period);
    return {
      kind: 'missing', plan: planLabel(plan), period: formatPeriod(period), periodName: italianPeriodName(period), scope: scope.kind,
      total: missing.length,
      people: byOwner(plan, missing).map((o) => ({ person: o.person, name: o.name, indicators: o.indicators.map((i) => ({ id: i.id, name: i.name })) })),
    };
  },
});
