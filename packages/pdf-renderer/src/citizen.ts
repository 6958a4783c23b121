import type { Band } from '@perf/scoring';
import { bandDistributionChart } from './chart-specs.ts';
import { pieChart } from './charts.ts';
import { commentsUnder, type Context } from './context.ts';
import { articledDate, euroOfShare, formatEuro, formatFractionPercent, formatPercent, gradeText, plural } from './italian.ts';
import { table, totalRow, type Row } from './table.ts';
import { BAND_COLORS, COLORS, SIZES } from './theme.ts';

/**
 * «La Relazione in sintesi»: the citizen summary for the Amministrazione trasparente page, at most
 * four pages in plain Italian. Long plans are summarised by perspective and the list of problems is
 * capped, so the page count does not grow with the plan.
 */

export const CITIZEN_TITLE = 'La Relazione in sintesi';

/** Above this many strategic objectives the results are told by perspective only. */
const MAX_OBJECTIVE_ROWS = 20;
/** The objectives with a problem told one by one; the others are counted. */
const MAX_PROBLEMS = 5;
/** Characters of the mission quoted; the full text is in the Relazione. */
const MISSION_CHARS = 600;

const OUTCOME: Readonly<Record<Band, string>> = { green: 'raggiunto', yellow: 'raggiunto in parte', red: 'non raggiunto' };
const outcome = (band: Band | null): string => (band === null ? 'non ancora misurato' : OUTCOME[band]);

/** A long text cut at the last sentence end before `max` characters (or at a word, with "…"). */
function firstSentences(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const end = cut.lastIndexOf('. ');
  return end > max / 3 ? cut.slice(0, end + 1) : `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

export function renderCitizenPages(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(1, `${CITIZEN_TITLE}: la performance ${plan.year}`);
  report.paragraph(plan.ente.name, { bold: true, size: SIZES.section, color: COLORS.primary, align: 'left' });
  const adoption = ctx.data.adoption;
  report.paragraph(adoption === undefined
    ? 'BOZZA – la Relazione sulla Performance non è ancora stata adottata dalla Giunta: i dati possono cambiare.'
    : `Sintesi della Relazione sulla Performance ${plan.year}, adottata dalla Giunta con delibera ${adoption.delibera} (registrata ${articledDate('il', adoption.adoptedAt)}).`,
  { bold: true, color: adoption === undefined ? BAND_COLORS.red : COLORS.text, align: 'left' });
  // A document with reconstructed values says so where it says what it is (no line of its own: two pages).
  report.paragraph(
    (ctx.hasReconstructed ? 'Esempio illustrativo: alcuni dati sono ricostruiti, non pubblicati dall’ente. ' : '') +
      `Ogni anno l’ente fissa nel Piano della Performance che cosa vuole ottenere, con quali risorse e come misurarlo; ` +
      `la Relazione sulla Performance racconta, a fine anno, quanto è stato fatto. Queste pagine ne riassumono i punti principali.`,
  );
  whoWeAre(ctx);
  results(ctx);
  money(ctx);
  problems(ctx);
  moreInformation(ctx);
}

function whoWeAre(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, 'Chi siamo e che cosa facciamo');
  if (plan.mission) report.paragraph(firstSentences(plan.mission, MISSION_CHARS));
  const staff = ctx.data.gender?.staffByCategory?.total.cells.at(-1);
  const facts = [
    `${plural(plan.areas.length, 'area organizzativa', 'aree organizzative')}, ciascuna con un dirigente responsabile.`,
    ...(staff === undefined ? [] : [`${plural(staff.total, 'persona', 'persone')} in servizio nel ${staff.year}, di cui ${plural(staff.women, 'donna', 'donne')}${staff.womenShare === null ? '' : ` (${formatFractionPercent(staff.womenShare, 0)})`}.`]),
    `Nel ${plan.year}: ${plural(plan.strategic_objectives.length, 'obiettivo strategico', 'obiettivi strategici')}, ${plural(plan.operational_objectives.length, 'obiettivo operativo', 'obiettivi operativi')} e ${plural(plan.indicators.length, 'indicatore', 'indicatori')} per misurarli, in ${plural(plan.perspectives.length, 'prospettiva', 'prospettive')}: ${plan.perspectives.map((p) => p.name).join('; ')}.`,
  ];
  report.bullets(facts);
}

function results(ctx: Context): void {
  const { report, plan, status } = ctx;
  report.heading(2, 'I risultati principali');
  const s = status.summary;
  // "15 (83%) sono stati raggiunti", "1 (6%) non raggiunto": the verb agrees with each count.
  const part = (band: Band, one: string, many: string): string =>
    `${s[band].count}${s[band].percent === null ? '' : ` (${formatPercent(s[band].percent ?? 0)})`} ${s[band].count === 1 ? one : many}`;
  report.paragraph(status.overall.percent === null
    ? 'Nessun obiettivo strategico è ancora stato misurato.'
    : `Nel complesso l’ente ha raggiunto il ${gradeText(status.overall)} di quanto si era proposto. Su ${plural(s.total, 'obiettivo strategico', 'obiettivi strategici')}, ` +
      `${part('green', 'è stato raggiunto', 'sono stati raggiunti')}, ${part('yellow', 'raggiunto in parte', 'raggiunti in parte')} e ${part('red', 'non raggiunto', 'non raggiunti')}` +
      `${s.unscored.count > 0 ? `; ${plural(s.unscored.count, 'obiettivo non è ancora stato misurato', 'obiettivi non sono ancora stati misurati')}` : ''}. ` +
      'Un obiettivo è raggiunto dal 90% in su, raggiunto in parte tra l’80% e l’89%, non raggiunto sotto l’80%.');
  pieChart(report, { ...bandDistributionChart(status), title: 'Gli obiettivi strategici secondo il risultato', radius: 46 });
  const byObjective = plan.strategic_objectives.length <= MAX_OBJECTIVE_ROWS;
  // One line an objective where the title allows: the perspective has its own column, not a second line.
  const rows: Row[] = byObjective
    ? plan.strategic_objectives.map((o) => {
      const grade = ctx.grade(o.id);
      return { cells: [`${o.id}. ${o.title}`, { text: ctx.perspectiveName(o.perspective), color: COLORS.muted }, { grade }, outcome(grade.band)] };
    })
    : plan.perspectives.map((p) => {
      const grade = ctx.meanGrade(plan.strategic_objectives.filter((o) => o.perspective === p.id).map((o) => ({ id: o.id, weight: o.weight })));
      return { cells: [{ text: p.name, bold: true }, { grade }, outcome(grade.band)] };
    });
  rows.push(totalRow(byObjective
    ? ['Risultato complessivo dell’ente', '', { grade: status.overall }, outcome(status.overall.band)]
    : ['Risultato complessivo dell’ente', { grade: status.overall }, outcome(status.overall.band)]));
  table(report, [
    ...(byObjective ? [{ header: 'Obiettivo strategico', width: 5.2 }, { header: 'Prospettiva', width: 2.2 }] : [{ header: 'Prospettiva', width: 6.4 }]),
    { header: 'Risultato', width: 1.3, align: 'right' },
    { header: 'Esito', width: 1.7 },
  ], rows, { caption: `I risultati ${plan.year}`, size: SIZES.table - 0.5 });
}

function money(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, 'Le risorse');
  const budget = plan.strategic_objectives.reduce((sum, o) => sum + (o.budget ?? 0), 0);
  const finance = ctx.data.finance.find((f) => f.year === ctx.year);
  if (finance === undefined) {
    report.paragraph(`I dati di bilancio ${ctx.year} non sono ancora disponibili.${budget > 0 ? ` Agli obiettivi strategici sono stati destinati ${formatEuro(budget)}.` : ''}`);
    return;
  }
  const { proventiCorrenti, oneriCorrenti } = finance.totals;
  const rows: Row[] = [
    { cells: ['Entrate correnti (soprattutto il diritto annuale versato dalle imprese)', formatEuro(proventiCorrenti)] },
    { cells: ['Spese correnti', formatEuro(oneriCorrenti)] },
    { cells: [{ text: 'di cui per il personale', indent: 10 }, euroOfShare(finance.oneri.personale, oneriCorrenti)] },
    { cells: [{ text: 'di cui per la promozione dell’economia del territorio', indent: 10 }, euroOfShare(finance.oneri.interventi_economici, oneriCorrenti)] },
  ];
  if (budget > 0) rows.push({ cells: ['Risorse destinate agli obiettivi strategici', formatEuro(budget)] });
  table(report, [{ header: 'Voce', width: 6 }, { header: `${ctx.year}`, width: 2, align: 'right' }], rows, { caption: `Le risorse ${ctx.year} in cifre`, size: SIZES.table - 0.5 });
  const collected = finance.indices.riscossioneDirittoAnnuale;
  const balance = proventiCorrenti - oneriCorrenti;
  report.paragraph(
    `Le entrate correnti ${balance >= 0 ? `hanno superato le spese di ${formatEuro(balance)}` : `sono state inferiori alle spese di ${formatEuro(-balance)}`}.` +
      (collected === null ? '' : ` Le imprese hanno versato spontaneamente il ${formatFractionPercent(collected, 0)} del diritto annuale dovuto.`),
  );
}

function problems(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, 'Che cosa non è andato e che cosa si sta facendo');
  const critical = plan.strategic_objectives.filter((o) => ctx.grade(o.id).band !== 'green');
  if (critical.length === 0) {
    report.paragraph('Tutti gli obiettivi strategici sono stati raggiunti.');
    return;
  }
  report.paragraph(`${plural(critical.length, 'obiettivo strategico non è stato raggiunto', 'obiettivi strategici non sono stati raggiunti')} del tutto. Per ciascuno, la causa e l’azione correttiva indicate dal dirigente responsabile:`, { keepWithNext: true });
  const items = critical.slice(0, MAX_PROBLEMS).map((o) => {
    const said = commentsUnder(ctx, o.id);
    const grade = ctx.grade(o.id);
    const explanation = said.length === 0
      ? 'Causa e azione da indicare.'
      : said.map((c) => `Causa: ${firstSentences(c.causa, 240)} Azione: ${firstSentences(c.azione, 240)}`).join(' ');
    return `${o.id}. ${o.title} – ${gradeText(grade)}, ${outcome(grade.band)}. ${explanation}`;
  });
  report.bullets(items);
  const others = critical.length - items.length;
  if (others > 0) report.paragraph(`${plural(others, 'altro obiettivo', 'altri obiettivi')} con risultati sotto il target ${others === 1 ? 'è descritto' : 'sono descritti'} nella Relazione completa.`);
}

function moreInformation(ctx: Context): void {
  const { report, plan } = ctx;
  report.heading(2, 'Per saperne di più');
  report.paragraph(
    `La Relazione sulla Performance ${plan.year} completa (ogni obiettivo e indicatore, la dimensione economico-finanziaria e di genere) ` +
      `è pubblicata in «Amministrazione trasparente» sul sito dell’ente, con il Piano della Performance ${plan.year}.`,
  );
}
