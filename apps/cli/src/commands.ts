import { resolve } from 'node:path';
import {
  COMMANDS, commandGroup, createSignInLink, formatDateAtTime, webSecretsFromEnv, commandHelp as coreCommandHelp, commandParams, matchCommand as matchCoreCommand, renderText, replyJson, shortList, usage,
  type Command, type CommandContext, type FileInput, type RawParams, type Reply, type RolloverReply,
} from '@perf/core';
import { PerfError, plural } from '@perf/model';
import type { Store } from '@perf/store';
import type { CliArgs } from './args.ts';
import type { CliCommand, CliIo } from './cli-command.ts';
import { runChat } from './chat.ts';
import { outputKind, outputPath, readInputFile, refuseExisting, writeOutputFile } from './files.ts';
import { forwardCommand } from './forward.ts';
import { clientRequest, dbLocation, withContext } from './runtime.ts';

const COMMON = `Opzioni comuni:
  --db <posizione>   cartella del database integrato o URL postgres:// (default: PERF_DB, altrimenti ./.perf/)
  --ente <codice>    l'ente, se il database ne contiene più d'uno
  --as <persona>     agisci come questa persona del Piano, con i suoi permessi (default: controllo di gestione)
  --year <AAAA>      l'anno del Piano (default: l'anno corrente o, se assente, il più recente)
  --help             questo aiuto`;

/** The sign-in link signed here, with PERF_WEB_SECRET and PERF_WEB_URL of this process. */
async function localSignInLink(args: CliArgs): Promise<{ url: string; name: string; ente: string; expiresAt: Date }> {
  const secrets = webSecretsFromEnv();
  const link = await withContext(args, (context) => createSignInLink(context, secrets));
  return { url: link.url, name: link.person.name, ente: link.ente, expiresAt: link.expiresAt };
}

/** The CLI's own commands: they run the other channels or the example, not a core command. */
const CLI_ONLY: readonly CliCommand[] = [
  {
    words: ['demo'],
    usage: 'pnpm perf demo [--db <posizione>] [--out <file.pdf>]',
    summary: 'carica l\'esempio CCIAA di Massa Carrara 2012, stampa lo stato e scrive la Relazione',
    help: 'Importa Piano, valori 2012, bilanci 2011-2012 e dati di genere dell\'esempio in examples/cciaa-ms-2012/. Ripeterlo non duplica nulla.',
    run: async (args, io) => (await import('./demo.ts')).runDemo(args, io),
  },
  {
    words: ['web', 'link'],
    usage: 'pnpm perf web link --as <persona> [--ente <codice>]',
    summary: 'stampa il link personale di accesso al cruscotto web (valido 15 minuti, una sola volta)',
    help: 'Legge PERF_WEB_SECRET (lo stesso del cruscotto) e PERF_WEB_URL (default http://localhost:<PORT>, PORT default 8080). Il link apre una sessione di 8 ore con i permessi della persona.',
    run: async (args, io) => {
      // A running pnpm serve holding the embedded database signs the link with its dashboard's secret.
      const forwarded = await forwardCommand(dbLocation(args), clientRequest('dashboard', {}, args), () => undefined);
      const link = forwarded?.kind === 'dashboard'
        ? { url: forwarded.url, name: forwarded.person.name, ente: forwarded.plan.ente, expiresAt: forwarded.expiresAt }
        : await localSignInLink(args);
      io.out(`${link.url}\nLink di accesso per ${link.name} (${link.ente}): vale 15 minuti (scade il ${formatDateAtTime(link.expiresAt)}) e una sola volta.`);
    },
  },
  {
    words: ['chat'],
    usage: 'pnpm perf chat [--as <persona>]',
    summary: 'conversazione da terminale con la stessa grammatica del bot Slack',
    help: 'Scrivi i comandi senza /perf (report 12 value=23, status, help). "esci" per uscire.',
    run: (args, io) => runChat(args, io),
  },
];

/** A CLI command: a core command of the table, or one of the CLI's own. */
export type CliEntry = { readonly kind: 'core'; readonly command: Command } | { readonly kind: 'cli'; readonly command: CliCommand };

const CORE_FOR_CLI = COMMANDS.filter((c) => c.name !== 'help');

/** The command the arguments start with: the longest core command (`finance import` before `finance`), or a CLI one. */
export function matchCommand(positional: readonly string[]): CliEntry | undefined {
  const core = matchCoreCommand(positional);
  if (core !== undefined && core.name !== 'help') return { kind: 'core', command: core };
  const own = CLI_ONLY.find((c) => c.words.every((word, i) => positional[i]?.toLowerCase() === word));
  return own === undefined ? undefined : { kind: 'cli', command: own };
}

export function generalHelp(): string {
  const lines = [...CORE_FOR_CLI.map((c) => `  ${usage(c, 'cli')}\n      ${c.summary}`), ...CLI_ONLY.map((c) => `  ${c.usage}\n      ${c.summary}`)];
  return ['perf — il ciclo della performance (d.lgs. 150/2009) dalla riga di comando.', '', 'Comandi:', ...lines, '', COMMON, '', 'Aiuto di un comando: pnpm perf <comando> --help'].join('\n');
}

export function commandHelp(entry: CliEntry): string {
  if (entry.kind === 'core') return `${coreCommandHelp(entry.command, 'cli')}\n\n${COMMON}`;
  const command = entry.command;
  return [`Uso: ${command.usage}`, '', `${command.summary[0]?.toUpperCase()}${command.summary.slice(1)}.`, command.help, '', COMMON].join('\n');
}

/** `perf plan --help`: the commands of a group word, or undefined when the word starts none. */
export function groupHelp(word: string): string | undefined {
  const commands = commandGroup(word);
  if (commands.length === 0) return undefined;
  return [`Comandi di ${word}:`, ...commands.map((c) => `  ${usage(c, 'cli')}\n      ${c.summary}`), '', `Aiuto di un comando: pnpm perf ${commands[0]?.name} --help`].join('\n');
}

/** The command's raw parameters from the CLI: grammar words after the command's own, then its options. */
function cliParams(command: Command, args: CliArgs): Record<string, RawParams[string]> {
  const raw: Record<string, RawParams[string]> = commandParams(command, args.positional.slice(command.words.length));
  for (const [name, field] of Object.entries(command.fields)) {
    if (field.option === undefined || field.adapter) continue;
    const value = field.kind === 'flag' ? (args.flags.has(field.option) ? true : undefined) : args.options.get(field.option);
    if (value === undefined) continue;
    if (raw[name] !== undefined) throw new PerfError('OPTION_INVALID', `"${field.keys?.[0] ?? name}" è dato due volte (anche con --${field.option}).`, { hint: `Forma corretta: ${usage(command, 'cli')}`, field: name });
    raw[name] = value;
  }
  for (const [name, field] of Object.entries(command.fields)) {
    if (field.kind === 'files' && Array.isArray(raw[name])) raw[name] = (raw[name] as string[]).map(readInputFile);
  }
  return raw;
}

/** The commands that store something: only they may create a database folder. */
const WRITING = new Set(['report', 'period close', 'plan import', 'values import', 'finance import', 'gender import', 'context import', 'relazione adotta', 'relazione valida', 'commento']);

/** A store for a command that reads none (a file's computation): touching it is a bug, not a user error. */
const NO_STORE = new Proxy({}, { get: () => { throw new PerfError('INTERNAL', 'Questo comando non usa il database.'); } }) as Store;

function needsStore(command: Command, raw: RawParams): boolean {
  if (command.access === 'person') return true;
  return Object.entries(command.fields).some(([name, f]) => f.kind === 'files' && ((raw[name] as FileInput[] | undefined)?.length ?? 0) === 0);
}

function requireOut(args: CliArgs, command: Command): string {
  const out = args.options.get('out');
  if (out === undefined) throw new PerfError('OPTION_INVALID', 'Manca il file di destinazione.', { hint: `Forma corretta: ${usage(command, 'cli')}` });
  return out;
}

/** The lines of a written rollover: what was prepared, what is missing, what to do next. */
function rolloverLines({ prepared }: RolloverReply, out: string): string {
  const { plan, from } = prepared;
  const lines = [`Piano ${plan.ente.code} ${plan.year} preparato dal Piano ${from.year}: ${plural(plan.strategic_objectives.length, 'obiettivo strategico', 'obiettivi strategici')}, ${plural(plan.indicators.length, 'indicatore', 'indicatori')} (${plan.indicators.length - prepared.withoutBaseline.length} con baseline ${from.year}). Scritto in ${resolve(out)}.`];
  if (prepared.withoutBaseline.length > 0) lines.push(`Senza valore ${from.year}, quindi senza baseline: indicatori ${shortList(prepared.withoutBaseline)}.`);
  if (prepared.targetExists) lines.push(`Attenzione: il database ha già un Piano ${plan.ente.code} ${plan.year}; importare questo file lo aggiorna.`);
  lines.push(`Rivedi il file, poi: pnpm perf plan import ${out}`);
  return lines.join('\n');
}

/** Prints a reply, writing the file it carries where the command makes one (inside --out when it names a folder). */
async function printReply(reply: Reply, args: CliArgs, io: CliIo, json: boolean): Promise<void> {
  const out = args.options.get('out');
  if (reply.kind === 'relazione' && out !== undefined) {
    const path = outputPath(out, reply.filename);
    writeOutputFile(path, reply.pdf, 'pdf');
    io.out(`${renderText(reply)}\nScritta in ${resolve(path)}`);
  } else if (reply.kind === 'export' && out !== undefined) {
    const { exportFormat, writeSheets } = await import('./spreadsheets.ts');
    const files = await writeSheets(reply.exported, exportFormat(args.options.get('format'), out), out);
    io.out(`${renderText(reply)}\n${files.map((f) => `Scritto ${resolve(f)}`).join('\n')}`);
  } else if (reply.kind === 'rollover' && out !== undefined) {
    const path = outputPath(out, `piano-${reply.prepared.plan.year}.yaml`);
    refuseExisting(path);
    writeOutputFile(path, reply.prepared.yaml);
    io.out(rolloverLines(reply, path));
  } else {
    io.out(json ? JSON.stringify(replyJson(reply), null, 2) : renderText(reply));
  }
}

/** The checks of the CLI's own options, before the database is opened. */
async function checkOutput(command: Command, args: CliArgs): Promise<void> {
  if (command.name === 'relazione') requireOut(args, command);
  if (command.name === 'export') (await import('./spreadsheets.ts')).exportFormat(args.options.get('format'), requireOut(args, command));
  const out = args.options.get('out');
  if (command.name === 'plan rollover' && out !== undefined && outputKind(out) !== 'folder') refuseExisting(out);
}

/** Runs a core command from the CLI: its parameters, the core (which checks the person), then the reply printed. */
export async function runCoreCommand(command: Command, args: CliArgs, io: CliIo): Promise<void> {
  const raw = cliParams(command, args);
  await checkOutput(command, args);
  const progress = (step: string) => io.err(`… ${step}`);
  const run = (context: CommandContext) => command.run(raw, { ...context, progress });
  // A server holding the embedded database (pnpm serve) runs the command itself; else the CLI opens it.
  const reply = needsStore(command, raw)
    ? await forwardCommand(dbLocation(args), clientRequest(command.name, raw, args), progress)
      ?? await withContext(args, run, { bulk: command.name === 'values import', readOnly: !WRITING.has(command.name) })
    : await run({ store: NO_STORE, channel: 'cli', clock: () => new Date(), identity: { kind: 'operator', operatorName: 'cli' } });
  await printReply(reply, args, io, command.json && args.flags.has('json'));
}
