import type { Plan } from '@perf/model';
import { findPeriod } from './periods.ts';
import { findNumberReference } from './reference.ts';
import type { HowTo, QuestionTopic } from './types.ts';

const ASKING = /\?\s*$|^(come|cosa|che cosa|cos'|chi|quali|quale|qual|quanti|quanto|a che punto|dimmi|mostra|mostrami|fammi vedere|elenca|vorrei sapere|sai|what|who|how|which|show|list|tell|where|any)\b/;

const HOW_TO: readonly [RegExp, HowTo][] = [
  [/chiud|close|chiusura/, 'close'],
  [/relazione|pdf|annual report/, 'relazione'],
  [/correg|sbagli|rettific|correct|fix|modific/, 'correct'],
  [/manca|missing|ritardo|late/, 'missing'],
  [/stato|status|punteggio|score|grado|andamento/, 'status'],
  [/registr|inser|report|valor|dato|dati|compil|enter|submit|mett/, 'report'],
];

function objectiveId(text: string, plan: Plan): string | undefined {
  const m = /\b(?:obiettiv[oi]|objective|ob\.?)\s*(?:strategico|operativo|n\.?|numero)?\s*(\d{1,2}(?:\.\d{1,2})?)\b/.exec(text);
  if (!m?.[1]) return undefined;
  const [major = '', minor] = m[1].split('.');
  const id = major.padStart(2, '0') + (minor === undefined ? '' : `.${minor}`);
  const known = plan.strategic_objectives.some((o) => o.id === id) || plan.operational_objectives.some((o) => o.id === id);
  return known ? id : m[1];
}

function bandsAsked(text: string): QuestionTopic | undefined {
  if (!/obiettiv|objective|goal|strategic/.test(text)) return undefined;
  const below = /\b(?:sotto|inferiori? a|meno del|below|under|less than)\s*(?:l'|il |al )?(\d{1,3})\s*%?/.exec(text);
  const bands: ('green' | 'yellow' | 'red')[] = [];
  if (/\b(verd[ei]|green|raggiunti)\b/.test(text)) bands.push('green');
  if (/\b(giall[oi]|yellow|parzial)/.test(text)) bands.push('yellow');
  if (/\b(ross[oi]|red|non raggiunti)\b/.test(text)) bands.push('red');
  if (bands.length === 0 && below === null) return undefined;
  return { topic: 'bands', bands, below: below?.[1] === undefined ? undefined : Number(below[1]) };
}

/** A question about the data or about how to do something; undefined when the message asks nothing. */
export function readQuestion(text: string, plan: Plan): QuestionTopic | undefined {
  const period = findPeriod(text, plan, undefined);
  const periodCode = period.kind === 'period' ? period.code : undefined;
  if (/\b(come (faccio|si fa|si|posso|devo)|in che modo|how (do|can|to|should))\b/.test(text)) {
    return { topic: 'howto', task: HOW_TO.find(([re]) => re.test(text))?.[1] ?? 'help' };
  }
  const reference = findNumberReference(text, plan) ?? numberAfterVerb(text);
  if (/\b(chi ha (modificato|cambiato|inserito|registrato|toccato)|who (changed|modified|entered|edited)|storico|cronologia|history|modifiche)\b/.test(text) && reference) {
    return { topic: 'history', indicator: reference.id };
  }
  if (/\b(in ritardo|ritardatari|chi (manca|non ha|deve ancora)|who (is|are) (late|missing|behind)|who hasn't|chi e' indietro|chi e indietro)\b/.test(text)) {
    return { topic: 'late', period: periodCode };
  }
  if (/\b(miei|mie|my) (indicatori|obiettivi|indicators|valori|objectives)\b/.test(text) && !/\d/.test(text)) return { topic: 'mine' };
  const asking = ASKING.test(text) || /\b(stato|status|situazione|andamento)\b/.test(text);
  if (!asking) return undefined;
  if (/\b(manca|mancano|devo ancora|da (compilare|inserire|registrare)|missing|left to|still (have|need|to)|ancora da|compilare|inserire)\b/.test(text)) {
    return { topic: 'missing', period: periodCode };
  }
  const bands = bandsAsked(text);
  if (bands) return bands;
  const objective = objectiveId(text, plan);
  if (objective !== undefined) return { topic: 'objective', objective };
  if (/\b(complessiv|overall|l'ente|dell'ente|ente|generale|totale|camera)\b/.test(text)) return { topic: 'overall' };
  if (/\b(miei|mie|my|mio)\b/.test(text)) return { topic: 'mine' };
  if (reference) return { topic: 'indicator', indicator: reference.id };
  if (/\b(punteggio|score|risultato|grado)\b/.test(text)) return { topic: 'overall' };
  return undefined;
}

function numberAfterVerb(text: string): { id: number } | undefined {
  const m = /\b(?:il|l'|del|dell'|sul|al)\s*(\d{1,3})\b/.exec(text);
  return m?.[1] === undefined ? undefined : { id: Number(m[1]) };
}
