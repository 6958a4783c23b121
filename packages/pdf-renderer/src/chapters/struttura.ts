import { FUND_COLUMNS, STAFF_TABLES, fundTotals, staffTitle, staffTotals, staffYears, type FundGroup, type StaffTable } from '@perf/context';
import type { Context } from '../context.ts';
import { formatEuro, plural } from '../italian.ts';
import { table, totalRow, type Row } from '../table.ts';
import { COLORS, SIZES } from '../theme.ts';
import { contextParts, count, legendIfMarked, mark, part, type ContextParts } from './contesto.ts';

const WHAT: Record<(typeof STAFF_TABLES)[number]['key'], string> = {
  personale_per_eta: 'il personale per classi d’età',
  personale_per_anzianita: 'il personale per anzianità di servizio',
  personale_per_contratto: 'il personale per tipologia contrattuale',
};

/** 1.2, after the count per category: the staff by age, seniority and contract type, each year with its total. */
export function renderStaffClasses(ctx: Context): void {
  const parts = contextParts(ctx);
  for (const { key, heading } of STAFF_TABLES) {
    const source = parts.data?.[key];
    part(parts, `Il personale: ${heading.toLowerCase()}`, source, WHAT[key], (staff) => staffTable(parts, staffTitle(key, staff), heading, staff));
  }
  part(parts, 'Il personale: osservazioni', parts.data?.personale_osservazioni, 'le osservazioni sul personale', (notes) => {
    for (const note of notes) parts.ctx.report.paragraph(note, { align: 'justify' });
  });
  legendIfMarked(parts);
}

function staffTable(parts: ContextParts, title: string, heading: string, staff: StaffTable): void {
  const years = staffYears(staff);
  const totals = staffTotals(staff);
  const rows: Row[] = staff.righe.map((r) => ({ cells: [mark(parts, r.classe, r), ...years.map((y) => count(r.anni[String(y)] ?? 0))] }));
  rows.push(totalRow(['Totale', ...years.map((y) => count(totals.get(y) ?? 0))]));
  table(parts.ctx.report, [{ header: heading, width: 3 }, ...years.map((y) => ({ header: String(y), width: 1, align: 'right' as const }))], rows,
    { caption: mark(parts, title, staff) });
}

/** 1.2: the territorial offices, the Azienda Speciale, the partners, the Fondo perequativo projects, the services and the users. */
export function renderStruttura(ctx: Context): void {
  const parts = contextParts(ctx);
  const { report } = ctx;
  const data = parts.data;
  part(parts, 'Le strutture territoriali', data?.strutture_territoriali, 'le strutture territoriali', (offices) => {
    for (const office of offices.sedi) report.labelled(mark(parts, office.sede, office, offices), office.descrizione);
    for (const note of offices.note ?? []) report.paragraph(note);
  });
  part(parts, 'L’Azienda Speciale', data?.azienda_speciale, 'l’Azienda Speciale', (agency) => {
    report.paragraph(`${mark(parts, agency.nome, agency)}: ${plural(agency.attivita.length, 'attività realizzata', 'attività realizzate')} nel ${ctx.year}.`, { keepWithNext: true });
    report.bullets(agency.attivita);
  });
  part(parts, 'I partner territoriali', data?.partner_territoriali, 'i partner territoriali', (partners) => {
    table(report, [{ header: 'Iniziativa', width: 4 }, { header: 'Periodo', width: 2 }, { header: 'Partner', width: 3.6 }],
      partners.map((p) => ({ cells: [mark(parts, p.iniziativa, p), p.periodo, p.partner] })), { caption: `I partner territoriali (${plural(partners.length, 'iniziativa', 'iniziative')})` });
  });
  part(parts, 'I progetti del Fondo perequativo', data?.fondo_perequativo, 'i progetti del Fondo perequativo', (fund) => {
    report.paragraph('Per ogni gruppo di progetti: costi riconosciuti, costi rendicontati e finanziamento accordato (— dove il documento non riporta l’importo). ' +
      'I totali sono la somma dei progetti; dove il totale stampato nel documento di origine è diverso, è riportato sotto.', { keepWithNext: true });
    for (const group of fund.gruppi) fundTable(parts, group, fund);
  });
  part(parts, 'Il portafoglio dei servizi resi', data?.portafoglio_servizi, 'il portafoglio dei servizi', (services) => {
    const years = [...new Set(services.righe.flatMap((r) => Object.keys(r.anni)))].map(Number).sort((a, b) => b - a);
    table(report, [
      { header: 'Macro processo', width: 2.4 },
      { header: 'Output erogato all’utenza', width: 4.4 },
      ...years.map((y) => ({ header: `Anno ${y}`, width: 1.25, align: 'right' as const })),
    ], services.righe.map((r) => ({
      cells: [mark(parts, r.processo, r, services), r.output, ...years.map((y) => {
        const value = r.anni[String(y)];
        return value === undefined || value === null ? '—' : r.unita === 'euro' ? formatEuro(value, 0) : count(value);
      })],
    })), { caption: `Il portafoglio dei servizi resi: gli output erogati all’utenza${services.fonte ? ` (fonte: ${services.fonte})` : ''}`, size: SIZES.table - 0.5 });
  });
  part(parts, 'Gli utenti', data?.utenti, 'gli utenti', (users) => {
    report.paragraph(`I servizi resi: ${users.servizi.join('; ')}.`);
    table(report, [{ header: 'Tipologia di utente', width: 3 }, { header: 'N. utenti', width: 1.4, align: 'right' }, { header: 'Servizi resi', width: 5 }],
      users.righe.map((r) => ({
        cells: [mark(parts, r.tipologia, r, users), count(r.utenti), r.servizi !== undefined
          ? r.servizi.join('; ')
          : r.numero_servizi === undefined ? 'non indicati'
            : r.numero_servizi === users.servizi.length ? 'tutti' : `${r.numero_servizi} su ${users.servizi.length} (il documento non indica quali)`],
      })), { caption: 'Gli utenti e i servizi resi' });
  });
  legendIfMarked(parts);
  const warnings = ctx.data.contesto?.warnings ?? [];
  if (warnings.length > 0) report.note(warnings.join('\n'), { title: 'Avvertenze sui dati di contesto' });
}

const fundCell = (value: number | undefined): string => (value === undefined ? '—' : formatEuro(value));

function fundTable(parts: ContextParts, group: FundGroup, fund: { ricostruito?: true | undefined }): void {
  const totals = fundTotals(group);
  const rows: Row[] = group.progetti.map((p) => ({ cells: [mark(parts, p.progetto, p, group, fund), ...FUND_COLUMNS.map((c) => fundCell(p[c]))] }));
  if (group.progetti.length > 1) rows.push(totalRow(['Totale (somma dei progetti)', ...totals.map((t) => (t.computed === null ? '—' : formatEuro(t.computed)))]));
  if (totals.some((t) => t.wrong)) {
    rows.push({
      cells: ['Totale stampato nel documento (non corrisponde)', ...totals.map((t) => (t.printed === undefined ? '' : typeof t.printed === 'number' ? formatEuro(t.printed) : t.printed))],
      color: COLORS.muted,
    });
  }
  table(parts.ctx.report, [
    { header: 'Progetto', width: 4.6 },
    { header: 'Costi riconosciuti', width: 1.5, align: 'right' },
    { header: 'Costi rendicontati', width: 1.5, align: 'right' },
    { header: 'Finanziamento accordato', width: 1.6, align: 'right' },
  ], rows, { caption: `${group.titolo}${group.nota ? ` – ${group.nota}` : ''}`, size: SIZES.table - 0.5 });
}
