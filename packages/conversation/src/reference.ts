import type { Plan } from '@perf/model';
import type { Span } from './periods.ts';

/** An indicator named by its number: `indicatore 7`, `ind. 3`, `#12`, `12: 23`, `sul 31`, `il 9`. */
export interface NumberReference extends Span {
  readonly id: number;
}

const EXPLICIT = [
  /\b(?:indicatore|indicator|ind\.?|kpi)\s*(?:n\.?|nr\.?|numero|no\.?)?\s*#?\s*(\d+)\b/g,
  /#\s*(\d+)\b/g,
  /(?:^|[\s,;(])(\d+)\s*[:=]\s*(?=\S)/g,
];
const ARTICLE = /\b(?:il|l'|lo|sul|sull'|per il|del|dell'|al|all'|nel|nell'|on|for)\s*(\d+)\b(?!\s*(?:%|per ?cento|percent|€|euro|giorni|gg|ore|[.,]\d))/g;

function firstMatch(text: string, re: RegExp): NumberReference | undefined {
  re.lastIndex = 0;
  const m = re.exec(text);
  if (m === null || m[1] === undefined) return undefined;
  return { id: Number(m[1]), start: m.index, end: m.index + m[0].length };
}

/**
 * The indicator a normalised message names by number. An article before a number (`il 9`) names an
 * indicator only when the plan has it and another number is there to be its value.
 */
export function findNumberReference(text: string, plan: Plan): NumberReference | undefined {
  for (const re of EXPLICIT) {
    const found = firstMatch(text, re);
    if (found) return found;
  }
  const ids = new Set(plan.indicators.map((i) => i.id));
  ARTICLE.lastIndex = 0;
  for (let m = ARTICLE.exec(text); m !== null; m = ARTICLE.exec(text)) {
    const id = Number(m[1]);
    const end = m.index + m[0].length;
    const rest = text.slice(0, m.index) + ' ' + text.slice(end);
    if (ids.has(id) && /\d/.test(rest.replace(/\b20\d\d\b/g, ''))) return { id, start: m.index, end };
    if (ids.has(id) && /\b(era|e|metti|sceso|salito|a|fatto|non)\b/.test(text.slice(end))) return { id, start: m.index, end };
  }
  return undefined;
}
