import { RECONSTRUCTED_MARK, type Context } from '../context.ts';
import { articledDate, rhythmName } from '../italian.ts';
import { BAND_COLORS, COLORS } from '../theme.ts';

const TITLE_SIZE = 30;
const TITLE_MIN_SIZE = 22;

/** The cover: ente, title, year, the legal basis and the date of the document. */
export function renderCover(ctx: Context): void {
  const { report, plan } = ctx;
  const doc = report.doc;
  report.newPage();
  const width = report.pageWidth;
  const { tags } = report;
  tags.artifact(() => {
    doc.rect(0, 0, width, 150).fill(COLORS.primary);
    const stripe = width / 3;
    doc.rect(0, 150, stripe, 6).fill(BAND_COLORS.red);
    doc.rect(stripe, 150, stripe, 6).fill(BAND_COLORS.yellow);
    doc.rect(2 * stripe, 150, width - 2 * stripe, 6).fill(BAND_COLORS.green);
  });
  const p = (draw: () => number): number => tags.leaf('P', draw);

  report.font({ size: 11, color: '#dbe6f1' });
  p(() => report.write('Ciclo di Gestione della Performance', report.left, 62, report.width));
  report.font({ bold: true, size: 15, color: '#ffffff' });
  p(() => report.write(`d.lgs. 27 ottobre 2009, n. 150 – annualità ${plan.year}`, report.left, 82, report.width));

  report.font({ bold: true, size: 22, color: COLORS.primary });
  let y = p(() => report.write(plan.ente.name, report.left, 250, report.width, { align: 'center', lineGap: 4 })) + 28;
  // The title on one line with its year: at 30 pt it is wider than the page («… Performance / 2012»), so the
  // type shrinks to fit (not below 22 pt); a longer title still never leaves the year alone on a line.
  const title = `Relazione sulla Performance\u00a0${plan.year}`;
  report.font({ bold: true, size: TITLE_SIZE, color: COLORS.text });
  const size = Math.max(TITLE_MIN_SIZE, Math.min(TITLE_SIZE, Math.floor((TITLE_SIZE * report.width) / report.textWidth(title))));
  report.font({ bold: true, size, color: COLORS.text });
  y = p(() => report.write(title, report.left, y, report.width, { align: 'center', lineGap: 4 })) + 16;
  report.font({ size: 12, color: COLORS.muted });
  y = p(() => report.write('Rendiconto dei risultati di performance organizzativa e individuale', report.left, y, report.width, { align: 'center' }));
  y = p(() => report.write(`rispetto al Piano della Performance ${plan.year}`, report.left, y, report.width, { align: 'center' })) + 24;
  const adoption = ctx.data.adoption;
  report.font({ bold: true, size: adoption === undefined ? 14 : 11, color: adoption === undefined ? BAND_COLORS.red : COLORS.text });
  p(() => report.write(adoption === undefined
    ? 'BOZZA – documento non ancora adottato dalla Giunta'
    : `Adottata dalla Giunta con delibera ${adoption.delibera} (registrata ${articledDate('il', adoption.adoptedAt)})`, report.left, y, report.width, { align: 'center' }));

  const boxY = 560;
  tags.artifact(() => doc.rect(report.left + 60, boxY, report.width - 120, 96).fill(COLORS.groupFill));
  report.font({ size: 10, color: COLORS.text });
  const facts = [
    `Ente: ${plan.ente.name} (${plan.ente.code})`,
    `Anno di riferimento: ${plan.year}`,
    `Monitoraggio degli indicatori: ${rhythmName(plan.monitoring).adjective}`,
    `Documento generato ${articledDate('il', ctx.data.generatedAt)}`,
  ];
  facts.reduce((factY, fact) => p(() => report.write(fact, report.left + 80, factY, report.width - 160, { lineGap: 6 })), boxY + 14);

  if (ctx.hasReconstructed) {
    // A document holding reconstructed figures must not pass for the ente's own: said on its cover.
    report.font({ size: 9, color: BAND_COLORS.red, bold: true });
    p(() => report.write(`Esempio illustrativo: contiene dati ricostruiti, segnati con ${RECONSTRUCTED_MARK}, che l’ente non ha pubblicato.`, report.left, report.bottom - 44, report.width, { align: 'center' }));
  }
  report.closePage();
  report.font({ size: 8, color: COLORS.muted });
  p(() => report.write('Documento prodotto dal sistema di controllo di gestione sulla base del Piano della Performance e delle rilevazioni registrate.', report.left, report.bottom - 24, report.width, { align: 'center' }));
}
