import { formatPeriod, periodOfMonth, type Plan } from '@perf/model';

/** A period named in a message: its code, or why the plan cannot take it, and where it was said. */
export type PeriodMention =
  | { readonly kind: 'period'; readonly code: string; readonly spans: readonly Span[] }
  | { readonly kind: 'rhythm'; readonly said: string; readonly spans: readonly Span[] }
  | { readonly kind: 'none'; readonly spans: readonly Span[] };

export interface Span { readonly start: number; readonly end: number }

const ORDINALS: Record<string, number> = {
  primo: 1, '1o': 1, '1': 1, i: 1, first: 1, '1st': 1,
  secondo: 2, '2o': 2, '2': 2, ii: 2, second: 2, '2nd': 2,
  terzo: 3, '3o': 3, '3': 3, iii: 3, third: 3, '3rd': 3,
  quarto: 4, '4o': 4, '4': 4, iv: 4, fourth: 4, '4th': 4,
};
const ORDINAL = '(primo|secondo|terzo|quarto|ultimo|1o|2o|3o|4o|[1-4]|iv|iii|ii|i|first|second|third|fourth|last|1st|2nd|3rd|4th)';
const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const PATTERNS: readonly { re: RegExp; read: (m: RegExpExecArray, plan: Plan) => Reading }[] = [
  { re: /\b(\d{4})-?(q[1-4]|4m[1-3])\b/g, read: (m) => code(`${m[1]}-${(m[2] ?? '').toUpperCase()}`) },
  { re: /\b(q[1-4]|4m[1-3])\b/g, read: (m, plan) => code(`${plan.year}-${(m[1] ?? '').toUpperCase()}`) },
  { re: new RegExp(`\\b${ORDINAL}\\s*(?:°\\s*)?(trimestre|quarter|quadrimestre|semestre|bimestre)\\b`, 'g'), read: (m, plan) => ordinal(m[1] ?? '', m[2] ?? '', plan) },
  { re: /\b(trimestre|quadrimestre|quarter)\s+(scorso|precedente|passato)\b|\b(scorso|last|previous)\s+(trimestre|quadrimestre|quarter)\b/g, read: () => ({ previous: true }) },
  { re: /\b(questo|this|current)\s+(trimestre|quadrimestre|quarter|periodo|period)\b|\b(trimestre|quadrimestre|periodo)\s+(corrente|attuale|in corso)\b/g, read: () => ({ current: true }) },
  { re: /\b(semestre|bimestre|semester)\b/g, read: (m) => ({ rhythm: m[1] ?? '' }) },
  { re: new RegExp(`\\b(?:(?:a|ad|di|in|entro|per|a fine|fine|inizio|meta|end of|in|by)\\s+)?(${MONTHS.join('|')}|${EN_MONTHS.join('|')})\\b`, 'g'), read: (m, plan) => month(m[1] ?? '', plan) },
  { re: /\b(?:per |su |nel(?:l')? ?|for the |whole |intero |tutto )?(l'anno|anno intero|intero anno|tutto l'anno|consuntivo|a consuntivo|whole year|full year|the year)\b/g, read: (_m, plan) => code(String(plan.year)) },
  { re: /\b(?:nel|per il|anno|in|for)\s+(20\d\d)\b/g, read: (m) => code(m[1] ?? '') },
];

type Reading = { code: string } | { rhythm: string } | { previous: true } | { current: true };

function code(text: string): Reading {
  return { code: text };
}

function ordinal(word: string, unit: string, plan: Plan): Reading {
  const quarterly = plan.monitoring === 'quarterly';
  const wanted = unit === 'quarter' ? 'trimestre' : unit;
  if (wanted === 'semestre' || wanted === 'bimestre') return { rhythm: `${word} ${unit}` };
  if ((wanted === 'trimestre') !== quarterly) return { rhythm: `${word} ${unit}` };
  const max = quarterly ? 4 : 3;
  const index = word === 'ultimo' || word === 'last' ? max : ORDINALS[word];
  if (index === undefined || index > max) return { rhythm: `${word} ${unit}` };
  return code(`${plan.year}-${quarterly ? 'Q' : '4M'}${index}`);
}

function month(name: string, plan: Plan): Reading {
  const index = MONTHS.indexOf(name) >= 0 ? MONTHS.indexOf(name) : EN_MONTHS.indexOf(name);
  return code(formatPeriod(periodOfMonth(plan.year, index + 1, plan.monitoring)));
}

function previousOf(current: string | undefined): string | undefined {
  const match = current === undefined ? null : /^(\d{4})-(Q|4M)(\d)$/.exec(current);
  if (!match || Number(match[3]) <= 1) return undefined;
  return `${match[1]}-${match[2]}${Number(match[3]) - 1}`;
}

/** The period a normalised message names; spans say which characters were the period's words. */
export function findPeriod(text: string, plan: Plan, currentPeriod: string | undefined): PeriodMention {
  const spans: Span[] = [];
  let found: PeriodMention | undefined;
  for (const { re, read } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (spans.some((s) => m.index < s.end && m.index + m[0].length > s.start)) continue;
      spans.push({ start: m.index, end: m.index + m[0].length });
      const reading = read(m, plan);
      if (found !== undefined && found.kind !== 'none') continue;
      if ('rhythm' in reading) found = { kind: 'rhythm', said: reading.rhythm, spans };
      else if ('code' in reading) found = { kind: 'period', code: reading.code, spans };
      else if ('previous' in reading) {
        const previous = previousOf(currentPeriod);
        found = previous === undefined ? { kind: 'none', spans } : { kind: 'period', code: previous, spans };
      } else found = { kind: 'none', spans };
    }
  }
  return found === undefined ? { kind: 'none', spans } : { ...found, spans };
}

/** «il Piano 2012 è trimestrale: primo…quarto trimestre (2012-Q1 … 2012-Q4) oppure l'anno (2012)». */
export function rhythmHint(plan: Plan): string {
  return plan.monitoring === 'quarterly'
    ? `il Piano ${plan.year} è trimestrale: primo, secondo, terzo o quarto trimestre (${plan.year}-Q1 … ${plan.year}-Q4), oppure l'anno (${plan.year})`
    : `il Piano ${plan.year} è quadrimestrale: primo, secondo o terzo quadrimestre (${plan.year}-4M1 … ${plan.year}-4M3), oppure l'anno (${plan.year})`;
}
