import type { Context } from '../context.ts';
import { formatEuro, formatFractionPercent, formatNumber, plural } from '../italian.ts';
import { table, totalRow, type Row } from '../table.ts';
import { contextParts, legendIfMarked, mark, part } from './contesto.ts';

/**
 * Chapter 3 after the indices: the distribution of the Valore Aggiunto, the energy cost the solar
 * panels recover, the savings of the staff's rationalisation (`contesto` document).
 */
export function renderRisorse(ctx: Context, section: number): void {
  const parts = contextParts(ctx);
  const { report } = ctx;
  const data = parts.data;
  report.heading(2, `3.${section} Il Valore Aggiunto e la razionalizzazione delle risorse`);
  part(parts, 'La distribuzione del Valore Aggiunto', data?.valore_aggiunto, 'il Valore Aggiunto', (added) => {
    if (added.definizione) report.paragraph(added.definizione);
    const amounts = added.categorie.map((c) => c.importo);
    const total = amounts.every((a) => a !== undefined) ? amounts.reduce((sum: number, a) => sum + (a ?? 0), 0) : undefined;
    // Amount columns only when the document gives amounts: the seed gives the categories alone.
    const withAmounts = amounts.some((a) => a !== undefined);
    const rows: Row[] = added.categorie.map((c) => ({
      cells: [{ text: mark(parts, c.stakeholder, c, added), bold: true }, c.descrizione ?? '',
        ...(withAmounts ? [c.importo === undefined ? '—' : formatEuro(c.importo), c.importo === undefined || !total ? '—' : formatFractionPercent(c.importo / total)] : [])],
    }));
    if (total !== undefined) rows.push(totalRow(['Totale', '', formatEuro(total), formatFractionPercent(1)]));
    table(report, [
      { header: 'Stakeholder', width: 2.4 },
      { header: 'Che cosa comprende', width: 5 },
      ...(withAmounts ? [{ header: 'Importo', width: 1.5, align: 'right' as const }, { header: 'Quota', width: 1, align: 'right' as const }] : []),
    ], rows, { caption: `Le categorie di stakeholder della distribuzione (${plural(added.categorie.length, 'categoria', 'categorie')})` });
    if (total === undefined) report.paragraph('Il documento non riporta gli importi della distribuzione del Valore Aggiunto: sono indicate solo le categorie.');
  });
  part(parts, 'Il rientro dei costi dell’energia dai pannelli fotovoltaici', data?.fotovoltaico, 'il fotovoltaico', (pv) => {
    const coverage = pv.energia_consumata > 0 ? formatFractionPercent(pv.energia_prodotta_venduta / pv.energia_consumata, 0) : 'n.d.';
    table(report, [
      { header: 'Energia consumata (bollette)', width: 2 },
      { header: 'Energia prodotta e venduta', width: 2 },
      { header: 'Copertura da produzione (c/esercizio)', width: 2.2 },
    ].map((c) => ({ ...c, align: 'right' as const })), [{ cells: [formatEuro(pv.energia_consumata), formatEuro(pv.energia_prodotta_venduta), mark(parts, coverage, pv)] }],
    { caption: 'Rientro di costi per fornitura di energia elettrica per produzione in proprio tramite pannelli fotovoltaici' });
  });
  part(parts, 'La razionalizzazione delle risorse umane', data?.razionalizzazione_risorse_umane, 'la razionalizzazione delle risorse umane', (staff) => {
    const units = Math.abs(staff.variazione_organico);
    const change = `${staff.variazione_organico > 0 ? '+' : staff.variazione_organico < 0 ? '-' : ''}${formatNumber(units, 0)} unità${staff.nota ? '*' : ''}`;
    table(report, [{ header: 'Dimensione organico', width: 2 }, { header: 'Risparmio per riallocazione risorse', width: 2.4, align: 'right' }],
      [{ cells: [mark(parts, change, staff), formatEuro(staff.risparmio)] }], { caption: 'Razionalizzazione delle risorse umane' });
    if (staff.nota) report.paragraph(`* ${staff.nota}`);
  });
  legendIfMarked(parts);
}
