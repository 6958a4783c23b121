import { PerfError } from '@perf/model';
import { planLabel, type AuditReply, type HistoryReply, type PeriodListReply } from '../replies.ts';
import { auditTrail } from './audit.ts';
import { ALL_ROLES, defineCommand } from './command.ts';
import { field, indicatorCheck, indicatorNumber, optionalText, requiredText } from './fields.ts';
import { shortList } from './report.ts';
import { assertCanSeeIndicator } from '../permissions.ts';

const NOT_STAFF = ['dirigente', 'controllo', 'oiv'] as const;

export const historyCommand = defineCommand<{ indicator: number }, HistoryReply>({
  name: 'history',
  aliases: ['storico', 'cronologia'],
  reach: 'all',
  access: 'person',
  roles: ALL_ROLES,
  fields: {
    indicator: field('integer', requiredText("Manca il numero dell'indicatore.", indicatorCheck), "il numero dell'indicatore (12 o #12)", '<indicatore>', { positional: true }),
  },
  input: (p) => ({ indicator: indicatorNumber(p.indicator as string) }),
  slow: false,
  json: true,
  summary: 'tutte le rilevazioni di un indicatore, anche quelle sostituite',
  help: 'Per ogni rilevazione: periodo, valore, chi, quando, canale, nota, e se è stata sostituita. Il personale vede la cronologia dei propri indicatori.',
  examples: ['12'],
  execute: async ({ indicator: id }, { context, plan, actor }) => {
    const indicator = plan.indicators.find((i) => i.id === id);
    // An indicator no longer in the plan has no owner among the staff: only the others read its history.
    assertCanSeeIndicator(actor, indicator ?? { id, owner: '' });
    const rilevazioni = await context.store.history(plan.ente.code, plan.year, id);
    if (!indicator && rilevazioni.length === 0) {
      throw new PerfError('INDICATOR_UNKNOWN', `L'indicatore ${id} non esiste nel Piano ${plan.ente.code} ${plan.year}.`, { hint: `Indicatori del Piano: ${shortList(plan.indicators.map((i) => i.id))}.`, field: 'indicator' });
    }
    return { kind: 'history', plan: planLabel(plan), id, indicator, rilevazioni };
  },
});

export const periodListCommand = defineCommand<void, PeriodListReply>({
  name: 'period list',
  aliases: ['periodi', 'chiusure'],
  reach: 'all',
  access: 'person',
  roles: ALL_ROLES,
  fields: {},
  input: () => undefined,
  slow: false,
  json: true,
  summary: 'i periodi chiusi: quali, chi li ha chiusi, quando e da quale canale',
  help: "Senza --year: tutti gli anni dell'ente.",
  examples: [''],
  execute: async (_, { context, plan }) => ({
    kind: 'period-list', plan: planLabel(plan),
    locks: await context.store.periodLocks({ ente: plan.ente.code, ...(context.year === undefined ? {} : { year: context.year }) }),
  }),
});

export const auditCommand = defineCommand<{ indicator: number | undefined }, AuditReply>({
  name: 'audit',
  aliases: ['registro'],
  reach: 'all',
  access: 'person',
  roles: NOT_STAFF,
  denied: { what: 'consultare il registro delle rilevazioni (audit)', rule: 'Il registro lo consultano OIV, controllo di gestione e dirigenti; il personale vede i propri valori con "status me".' },
  fields: {
    indicator: field('integer', optionalText((t) => (/^#?\d+$/.test(t) ? undefined : `--indicator "${t}" non è il numero di un indicatore.`)), "solo le rilevazioni di questo indicatore", '<n>', { keys: ['indicatore', 'indicator'], option: 'indicator' }),
  },
  input: (p) => ({ indicator: p.indicator === undefined ? undefined : indicatorNumber(p.indicator as string) }),
  slow: false,
  json: true,
  summary: "il registro per l'OIV: ogni rilevazione con chi, quando, canale, valori sostituiti e fuori termine; importazioni e chiusure",
  help: "Sola lettura. Per ogni rilevazione (anche sostituita): periodo, valore, il valore che ha sostituito, chi, quando, canale, nota e, per i valori fuori termine, il motivo e chi li ha accettati. Poi i periodi chiusi e gli eventi del registro: Piani importati, chiusure, file di valori importati (quante rilevazioni), bilanci e dati di genere importati.\nLo consultano OIV, controllo di gestione e dirigenti (non il personale).",
  examples: ['', 'indicatore=12'],
  execute: async (input, { context }) => ({ kind: 'audit', trail: await auditTrail(input, context) }),
});
