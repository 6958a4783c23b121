import type { Context } from '../context.ts';
import { articledDate, formatDateLong, gradeText, rhythmName } from '../italian.ts';

/** Presentazione: what the Relazione is, after the seed's opening page. */
export function renderPresentazione(ctx: Context): void {
  const { report, plan, status } = ctx;
  const rhythm = rhythmName(plan.monitoring);
  report.heading(1, 'Presentazione');
  report.paragraph(
    `La presente Relazione sulla Performance è il documento che completa il Ciclo di Gestione della Performance con riferimento all’annualità ${plan.year}. ` +
      'Il d.lgs. 150/2009 attribuisce alla Relazione sulla Performance la funzione di evidenziare, a consuntivo, i risultati della performance organizzativa ed individuale ' +
      'rispetto a quanto preventivamente definito in sede di pianificazione. La Relazione costituisce, pertanto, il rendiconto del Piano della Performance, rappresentando il ' +
      'grado di raggiungimento degli obiettivi organizzativi, strategici ed operativi, e individuali in esso previsti, nonché gli eventuali scostamenti rilevati.',
  );
  report.paragraph(
    'Così come espresso nel citato dettato normativo, la Relazione analizza la dimensione economico-finanziaria della performance dell’Ente, in termini di efficienza ed ' +
      'economicità, e pone l’enfasi sugli obiettivi dell’Ente in tema di pari opportunità, ivi compresa la dimensione di genere.',
  );
  report.paragraph(
    `${plan.ente.name} completa il Ciclo di Gestione della Performance ${plan.year} con il presente documento, volto a rendere conto agli stakeholder, in un’ottica di ` +
      'trasparenza ed accountability, delle risultanze del periodo amministrativo di riferimento. La Relazione è la sintesi di un processo dinamico, condiviso e partecipato: ' +
      `gli obiettivi definiti in sede di pianificazione sono stati monitorati con cadenza ${rhythm.adjective}, attraverso le rilevazioni degli indicatori inserite dai ` +
      'responsabili, e i risultati intermedi e finali sono stati valutati sulla base di tali rilevazioni.',
  );
  report.paragraph(
    'Nelle pagine che seguono vengono rappresentati, in concreto, i risultati ottenuti a livello di Ente, di Area e dei Dirigenti. Ogni grado di raggiungimento è ' +
      'accompagnato dal colore della fascia di valutazione (rosso 0-79%, giallo 80-89%, verde 90-100%); gli obiettivi e gli indicatori privi di rilevazioni sono indicati come ' +
      '«non rilevato», perché non concorrono al calcolo e non vanno confusi con un risultato pari a zero.',
  );
  report.paragraph(
    `Il livello di performance complessivo di Ente per il ${plan.year} è pari a ${gradeText(status.overall)}. Il presente documento contiene una sintesi dell’attività svolta ` +
      'nell’anno; gli allegati tecnici riportano, per ogni indicatore, la storia completa delle rilevazioni (chi, quando, con quale canale), che costituisce il materiale ' +
      'dimostrativo dei dati riportati.',
  );
  report.spacer(10);
  report.paragraph(dateLine(ctx), { align: 'right', gap: 2 });
  report.paragraph(signature(ctx), { align: 'right', bold: true });
}

/** Dated by the Giunta's act once adopted; a draft says it is one, with the day it was produced. */
function dateLine(ctx: Context): string {
  const adoption = ctx.data.adoption;
  return adoption === undefined ? `Bozza ${articledDate('del', ctx.data.generatedAt)}` : formatDateLong(adoption.adoptedAt);
}

/** As at the end of the seed: the Segretario Generale and the Presidente sign, when the plan names them. */
export function renderSignatures(ctx: Context): void {
  const { presidente, segretario_generale: segretario } = ctx.plan.ente;
  if (presidente === undefined && segretario === undefined) return;
  const { report } = ctx;
  report.spacer(14);
  report.paragraph(dateLine(ctx), { align: 'right', gap: 8, keepWithNext: true });
  if (segretario !== undefined) report.paragraph(`Il Segretario Generale\n(${segretario})`, { align: 'right', bold: true, gap: 10, keepWithNext: presidente !== undefined });
  if (presidente !== undefined) report.paragraph(`Il Presidente\n(${presidente})`, { align: 'right', bold: true });
}

/** As in the seed, the Presidente signs (the plan's `ente.presidente`); without one, the controllo di gestione. */
function signature(ctx: Context): string {
  const presidente = ctx.plan.ente.presidente;
  if (presidente !== undefined) return `Il Presidente\n(${presidente})`;
  const controllers = ctx.plan.people.filter((p) => p.role === 'controllo').map((p) => p.name);
  return controllers.length > 0 ? `Il Controllo di gestione\n(${controllers.join(', ')})` : 'Il Controllo di gestione';
}
