import type { types, ViewOutput } from '@slack/bolt';
import { missingNowIn, reportableIndicators, resolveActor, resolvePlan, scopeOf, type ReportInput } from '@perf/core';
import { defaultReportPeriod, formatPeriod, italianPeriodName, PerfError, periodsOfYear, type Indicator, type Period, type Plan } from '@perf/model';
import { commandContext, type SlackRuntime } from './runtime.ts';

/** The check-in modal (`/perf report` with no arguments, the reminder's and the Home tab's button). */
export const CHECKIN_CALLBACK = 'perf_checkin';

/** Block ids of the modal's fields; each field's element has the action id `input`. */
export const FIELD = { indicator: 'perf_indicator', value: 'perf_value', period: 'perf_period', note: 'perf_note' } as const;
const INPUT = 'input';
const OPTION_LIMIT = 75;

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: text.length <= OPTION_LIMIT ? text : `${text.slice(0, OPTION_LIMIT - 1)}…`, emoji: true };
}

function objectiveTitle(plan: Plan, id: string): string {
  return plan.operational_objectives.find((o) => o.id === id)?.title ?? plan.strategic_objectives.find((o) => o.id === id)?.title ?? '';
}

/** Indicators grouped by objective (a select takes at most 100 options per group, 100 groups). */
type OptionGroup = { label: types.PlainTextElement; options: types.PlainTextOption[] };

function indicatorGroups(plan: Plan, indicators: readonly Indicator[], missing: ReadonlySet<number>): OptionGroup[] {
  const groups = new Map<string, types.PlainTextOption[]>();
  for (const indicator of indicators) {
    const option: types.PlainTextOption = { text: plain(`${missing.has(indicator.id) ? '⚪ ' : ''}${indicator.id} — ${indicator.name}`), value: String(indicator.id) };
    groups.set(indicator.objective, [...(groups.get(indicator.objective) ?? []), option]);
  }
  return [...groups].map(([objective, options]) => ({ label: plain(`Obiettivo ${objective} ${objectiveTitle(plan, objective)}`), options }));
}

function periodOption(period: Period): types.PlainTextOption {
  return { text: plain(`${formatPeriod(period)} — ${italianPeriodName(period)}`), value: formatPeriod(period) };
}

/**
 * The modal for one person: the indicators they may report (those missing in the core's `missingPeriod`
 * marked ⚪ and preselected), the value, the period (default the current one) and a note.
 */
export async function checkInView(runtime: SlackRuntime, userId: string, preselect?: number): Promise<types.ModalView> {
  const context = commandContext(runtime, userId);
  const plan = await resolvePlan(context);
  const actor = resolveActor(plan, context.identity);
  const indicators = reportableIndicators(plan, actor);
  if (indicators.length === 0) {
    throw new PerfError('NOTHING_TO_REPORT', `${actor.name}: non hai indicatori da registrare nel Piano ${plan.ente.code} ${plan.year}.`, {
      hint: actor.role === 'oiv' ? "L'OIV legge tutto e non modifica nulla: usa /perf status." : 'Gli indicatori li registra il loro responsabile: /perf status me mostra i tuoi.',
    });
  }
  const now = runtime.clock();
  // The core's rule and period, so ⚪ marks exactly what `/perf missing` lists for this person.
  const open = await missingNowIn(runtime.store, plan, scopeOf(plan, actor), now);
  const missing = new Set(open?.indicators.map((i) => i.id));
  const groups = indicatorGroups(plan, indicators, missing);
  const options = groups.flatMap((g) => g.options);
  const chosen = options.find((o) => o.value === String(preselect)) ?? options.find((o) => missing.has(Number(o.value))) ?? options[0];

  const periods = [...periodsOfYear(plan.year, plan.monitoring), { year: plan.year, kind: 'Y', index: 0 } satisfies Period].map(periodOption);
  let initialPeriod: types.PlainTextOption | undefined;
  try {
    initialPeriod = periods.find((p) => p.value === formatPeriod(defaultReportPeriod(plan, now)));
  } catch (error) {
    if (!(error instanceof PerfError)) throw error;
  }

  return {
    type: 'modal',
    callback_id: CHECKIN_CALLBACK,
    title: { type: 'plain_text', text: 'Rilevazione' },
    submit: { type: 'plain_text', text: 'Registra' },
    close: { type: 'plain_text', text: 'Annulla' },
    blocks: [
      { type: 'context', elements: [{ type: 'mrkdwn', text: `*${plan.ente.name}* — Piano della Performance ${plan.year}${open ? ` · ⚪ = senza valore nel ${italianPeriodName(open.period)}` : ''}` }] },
      {
        type: 'input', block_id: FIELD.indicator, label: { type: 'plain_text', text: 'Indicatore' },
        element: { type: 'static_select', action_id: INPUT, placeholder: plain('Scegli un indicatore'), option_groups: groups, ...(chosen ? { initial_option: chosen } : {}) },
      },
      {
        type: 'input', block_id: FIELD.value, label: { type: 'plain_text', text: 'Valore' },
        hint: { type: 'plain_text', text: 'Numeri come 23, 23,5, 1.234,5 o 83%; per gli indicatori sì/no: sì oppure no.' },
        element: { type: 'plain_text_input', action_id: INPUT, placeholder: plain('ad esempio 23,5') },
      },
      {
        type: 'input', block_id: FIELD.period, label: { type: 'plain_text', text: 'Periodo' },
        element: { type: 'static_select', action_id: INPUT, options: periods, ...(initialPeriod ? { initial_option: initialPeriod } : {}) },
      },
      {
        type: 'input', block_id: FIELD.note, optional: true, label: { type: 'plain_text', text: 'Nota' },
        element: { type: 'plain_text_input', action_id: INPUT, multiline: true, max_length: 500 },
      },
    ],
  };
}

/** The report a submitted modal asks for; a missing choice is a PerfError on its field. */
export function readCheckIn(view: ViewOutput): ReportInput {
  const field = (block: string) => view.state.values[block]?.[INPUT];
  const indicator = field(FIELD.indicator)?.selected_option?.value;
  if (indicator === undefined) throw new PerfError('INDICATOR_MISSING', 'Scegli un indicatore.');
  const rawValue = field(FIELD.value)?.value?.trim() ?? '';
  if (rawValue === '') throw new PerfError('VALUE_MISSING', 'Manca il valore da registrare.', { hint: 'Ad esempio 23, 23,5 o sì.' });
  const note = field(FIELD.note)?.value?.trim();
  return { indicator: Number(indicator), rawValue, period: field(FIELD.period)?.selected_option?.value ?? undefined, note: note === undefined || note === '' ? undefined : note };
}

/** The field an error belongs to, so Slack shows it where the person must correct it. */
export function fieldOf(error: unknown): string {
  // The error names its field where it knows it (a bad note, a bad value); else its code tells.
  const named = error instanceof PerfError ? error.field : undefined;
  if (named === 'note' || named === 'motivo') return FIELD.note;
  if (named === 'value') return FIELD.value;
  if (named === 'period') return FIELD.period;
  if (named === 'indicator') return FIELD.indicator;
  const code = error instanceof PerfError ? error.code : '';
  if (code.startsWith('VALUE_')) return FIELD.value;
  if (code.startsWith('PERIOD_')) return FIELD.period;
  return FIELD.indicator;
}
