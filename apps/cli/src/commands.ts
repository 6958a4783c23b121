import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  findCommand, historyTable, shortList, loadFinanceReports, produceRelazione, renderText, resolvePlan, type CommandContext, type Reply,
} from '@perf/core';
import { computeFinance, formatFinanceText, parseBilancio } from '@perf/finance-indices';
import { computeGender, formatGenderText, parseGenere } from '@perf/gender';
import { PerfError } from '@perf/model';
import { statusJson } from '@perf/scoring';
import { yearOption, type CliArgs } from './args.ts';
import type { CliCommand, CliIo } from './cli-command.ts';
import { runDemo } from './demo.ts';
import { runChat } from './chat.ts';
import { importBilancioFile, importGenereFile, importPlanFile, importValuesFile, readTextFile } from './import-files.ts';
import { withContext } from './runtime.ts';

const COMMON = `Opzioni comuni:
  --db <posizione>   cartella del database integrato o URL postgres:// (default: PERF_DB, altrimenti ./.perf/)
  --ente <codice>    l'ente, se il database ne contiene più d'uno
  --as <persona>     agisci come questa persona del Piano, con i suoi permessi (default: controllo di gestione)
  --help             questo aiuto`;

function requireFiles(args: CliArgs, from: number, usage: string): string[] {
  const files = args.positional.slice(from);
  if (files.length === 0) throw new PerfError('FILE_MISSING', 'Manca il file da leggere.', { hint: `Forma corretta: ${usage}` });
  return files;
}

/** Runs one command of the shared chat grammar and prints its reply (or its JSON). */
async function runGrammarCommand(word: string, args: CliArgs, io: CliIo, toJson: (reply: Reply) => unknown): Promise<void> {
  const command = findCommand(word);
  if (!command) throw new PerfError('INTERNAL', `Comando ${word} assente.`);
  const input = command.parse(args.positional.slice(1));
  const reply = await withContext(args, (context) => command.execute(input, context));
  io.out(args.flags.has('json') ? JSON.stringify(toJson(reply), null, 2) : renderText(reply));
}

function replyJson(reply: Reply): unknown {
  if (reply.kind === 'status' && reply.scope === 'ente') return statusJson(reply.report);
  if (reply.kind === 'relazione') return { ...reply, pdf: undefined };
  return reply;
}

export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    words: ['plan', 'import'],
    usage: 'pnpm perf plan import <piano.yaml>',
    summary: 'importa (o aggiorna) il Piano della Performance di un ente e un anno',
    help: 'Valida il file (chiavi sconosciute, riferimenti, id ripetuti) e lo importa in una sola transazione: se il file non è valido nulla cambia.\nReimportare un Piano rivisto mantiene le rilevazioni degli indicatori ancora presenti.',
    run: async (args, io) => {
      const [file] = requireFiles(args, 2, 'pnpm perf plan import <piano.yaml>');
      io.out(await withContext(args, (context) => importPlanFile(file ?? '', context)));
    },
  },
  {
    words: ['values', 'import'],
    usage: 'pnpm perf values import <valori.yaml>',
    summary: 'registra in blocco i valori di un file (tutti o nessuno)',
    help: 'Forma del file: ente: CODICE, year: AAAA, values: [ { indicator: 12, period: "2012-Q4", value: 23, by: persona, note: "..." } ].\nOgni valore passa gli stessi controlli di "report"; se uno è sbagliato non si registra nulla.',
    run: async (args, io) => {
      const [file] = requireFiles(args, 2, 'pnpm perf values import <valori.yaml>');
      io.out(await withContext(args, (context) => importValuesFile(file ?? '', context)));
    },
  },
  {
    words: ['report'],
    usage: 'pnpm perf report <indicatore> value=<valore> [period=<periodo>] [note="..."] [--as <persona>]',
    summary: 'registra il valore di un indicatore',
    help: 'Numeri: 23 · 23.5 · 23,5 · 1.234,5 · 83%. Sì/no: si, sì, yes, true, 1, no, false, 0.\nPeriodi: 2012-Q1…Q4 (trimestrale), 2012-4M1…4M3 (quadrimestrale), 2012 (anno). Senza period: il periodo corrente (ora di Roma), o l\'ultimo dell\'anno se l\'anno è finito.',
    run: (args, io) => runGrammarCommand('report', args, io, replyJson),
  },
  {
    words: ['status'],
    usage: 'pnpm perf status [me | <obiettivo> | <indicatore>] [--year <AAAA>] [--json]',
    summary: 'grado di raggiungimento dell\'ente, degli obiettivi e degli indicatori',
    help: 'Senza --year: il Piano dell\'anno corrente o, se assente, il più recente. --json stampa l\'oggetto del contratto (§7).',
    run: (args, io) => runGrammarCommand('status', args, io, replyJson),
  },
  {
    words: ['history'],
    usage: 'pnpm perf history <indicatore> [--year <AAAA>] [--json]',
    summary: 'tutte le rilevazioni di un indicatore, anche quelle sostituite',
    help: 'Per ogni rilevazione: periodo, valore, chi, quando, canale, nota, e se è stata sostituita.',
    run: async (args, io) => {
      const text = args.positional[1];
      if (text === undefined || !/^#?\d+$/.test(text)) throw new PerfError('COMMAND_INVALID', 'Manca il numero dell\'indicatore.', { hint: 'Forma corretta: pnpm perf history <indicatore> [--year <AAAA>] [--json]' });
      const id = Number(text.replace('#', ''));
      await withContext(args, async (context) => {
        const plan = await resolvePlan(context);
        const indicator = plan.indicators.find((i) => i.id === id);
        const history = await context.store.history(plan.ente.code, plan.year, id);
        if (!indicator && history.length === 0) {
          throw new PerfError('INDICATOR_UNKNOWN', `L'indicatore ${id} non esiste nel Piano ${plan.ente.code} ${plan.year}.`, { hint: `Indicatori del Piano: ${shortList(plan.indicators.map((i) => i.id))}.` });
        }
        if (args.flags.has('json')) {
          io.out(JSON.stringify({ ente: plan.ente.code, year: plan.year, indicator: id, rilevazioni: history }, null, 2));
          return;
        }
        io.out(`Indicatore ${id}${indicator ? ` «${indicator.name}»` : ' (non più nel Piano)'} — ${plan.ente.code} ${plan.year}\n${historyTable(indicator ?? { direction: 'higher' }, history)}`);
      });
    },
  },
  {
    words: ['relazione'],
    usage: 'pnpm perf relazione --year <AAAA> --out <file.pdf> [--ente <codice>]',
    summary: 'produce il PDF della Relazione sulla Performance dal database',
    help: 'Legge Piano, rilevazioni, bilancio e dati di genere dal database. Lo stato di avanzamento va su stderr.',
    run: async (args, io) => {
      const out = args.options.get('out');
      if (out === undefined) throw new PerfError('OPTION_INVALID', 'Manca il file di destinazione.', { hint: 'Forma corretta: pnpm perf relazione --year 2012 --out relazione-2012.pdf' });
      const reply = await withContext(args, (context) => produceRelazione({ year: yearOption(args) }, context, (step) => io.err(`… ${step}`)));
      writePdf(out, reply.pdf);
      io.out(`${renderText(reply)}\nScritta in ${resolve(out)}`);
    },
  },
  {
    words: ['finance', 'import'],
    usage: 'pnpm perf finance import <bilancio.yaml>… [--ente <codice>]',
    summary: 'salva i bilanci nel database (per la Relazione)',
    help: 'Valida ogni file e lo salva per l\'ente e l\'anno indicati nel file.',
    run: async (args, io) => {
      const files = requireFiles(args, 2, 'pnpm perf finance import <bilancio.yaml>…');
      await withContext(args, async (context) => { for (const file of files) io.out(await importBilancioFile(file, context)); });
    },
  },
  {
    words: ['finance'],
    usage: 'pnpm perf finance <bilancio.yaml>… [--json]',
    summary: 'indici economico-finanziari di uno o più bilanci (con il confronto tra anni)',
    help: 'Senza file: gli indici dei bilanci salvati nel database per l\'anno (--year) e il precedente.',
    run: async (args, io) => {
      const files = args.positional.slice(1);
      const reports = files.length > 0
        ? files.map((file) => computeFinance(parseBilancio(readTextFile(file), file))).sort((a, b) => a.year - b.year)
        : await withContext(args, async (context) => { const plan = await resolvePlan(context); return loadFinanceReports(context.store, plan.ente.code, plan.year); });
      if (reports.length === 0) throw new PerfError('NO_DATA', 'Nessun bilancio nel database per questo anno.', { hint: 'Forma corretta: pnpm perf finance <bilancio.yaml>… oppure pnpm perf finance import <bilancio.yaml>' });
      const [only] = reports;
      io.out(args.flags.has('json') ? JSON.stringify(reports.length === 1 ? only : reports, null, 2) : formatFinanceText(reports));
    },
  },
  {
    words: ['gender', 'import'],
    usage: 'pnpm perf gender import <genere.yaml> [--ente <codice>]',
    summary: 'salva i dati di genere nel database (per la Relazione)',
    help: 'Valida il file e lo salva per l\'ente e l\'anno indicati nel file.',
    run: async (args, io) => {
      const files = requireFiles(args, 2, 'pnpm perf gender import <genere.yaml>');
      await withContext(args, async (context) => { for (const file of files) io.out(await importGenereFile(file, context)); });
    },
  },
  {
    words: ['gender'],
    usage: 'pnpm perf gender <genere.yaml> [--json]',
    summary: 'tabelle della dimensione di genere, con i controlli incrociati',
    help: 'Stampa le tabelle con totali, quote femminili e variazioni; avvisa quando i totali di due tabelle non coincidono.',
    run: async (args, io) => {
      const [file] = requireFiles(args, 1, 'pnpm perf gender <genere.yaml> [--json]');
      const report = computeGender(parseGenere(readTextFile(file ?? ''), file ?? ''));
      io.out(args.flags.has('json') ? JSON.stringify(report, null, 2) : formatGenderText(report));
    },
  },
  {
    words: ['demo'],
    usage: 'pnpm perf demo [--db <posizione>] [--out <file.pdf>]',
    summary: 'carica l\'esempio CCIAA di Massa Carrara 2012, stampa lo stato e scrive la Relazione',
    help: 'Importa Piano, valori 2012, bilanci 2011-2012 e dati di genere dell\'esempio in examples/cciaa-ms-2012/. Ripeterlo non duplica nulla.',
    run: (args, io) => runDemo(args, io),
  },
  {
    words: ['chat'],
    usage: 'pnpm perf chat [--as <persona>]',
    summary: 'conversazione da terminale con la stessa grammatica del bot Slack',
    help: 'Scrivi i comandi senza /perf (report 12 value=23, status, help). "esci" per uscire.',
    run: (args, io) => runChat(args, io),
  },
];

export function writePdf(path: string, pdf: Uint8Array): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  writeFileSync(path, pdf);
}

export function generalHelp(): string {
  return ['perf — il ciclo della performance (d.lgs. 150/2009) dalla riga di comando.', '', 'Comandi:',
    ...CLI_COMMANDS.map((c) => `  ${c.usage}\n      ${c.summary}`), '', COMMON, '', 'Aiuto di un comando: pnpm perf <comando> --help'].join('\n');
}

export function commandHelp(command: CliCommand): string {
  return [`Uso: ${command.usage}`, '', `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`, command.help, '', COMMON].join('\n');
}

/** The longest command whose words start the argument list (`finance import` before `finance`). */
export function matchCommand(positional: readonly string[]): CliCommand | undefined {
  return [...CLI_COMMANDS].sort((a, b) => b.words.length - a.words.length)
    .find((c) => c.words.every((word, i) => positional[i]?.toLowerCase() === word));
}

export type { CommandContext };
