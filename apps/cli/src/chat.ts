import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { confirmAnswer, converse, renderText, type CommandContext, type ReportInput } from '@perf/core';
import { isPerfError, parseItalianBoolean } from '@perf/model';
import type { CliArgs } from './args.ts';
import type { CliIo } from './cli-command.ts';
import { writePdf } from './commands.ts';
import { withContext } from './runtime.ts';

const EXIT_WORDS = new Set(['esci', 'exit', 'quit', 'fine']);
const CANCEL_WORDS = new Set(['annulla', 'no']);

/**
 * A terminal conversation with the Slack bot's grammar and answers, so it can be tried with no
 * workspace: commands without /perf, and answers such as "12: 23,5" echoed with their grade and
 * stored only after "sì" (Conferma), dropped after "no" (Annulla).
 */
export async function runChat(args: CliArgs, io: CliIo): Promise<void> {
  await withContext(args, async (context) => {
    const who = args.options.get('as') ?? 'controllo di gestione';
    io.out(`perf — conversazione come ${who}. Scrivi "help" per i comandi, «12: 23,5» per dare un valore, "esci" per uscire.`);
    const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
    terminal.setPrompt('perf> ');
    terminal.prompt();
    let pending: ReportInput | undefined;
    for await (const line of terminal) {
      const text = line.trim();
      if (EXIT_WORDS.has(text.toLowerCase())) break;
      try {
        if (pending !== undefined && text !== '') {
          pending = await settlePending(pending, text, context, io);
        } else if (text !== '') {
          pending = await answer(text, context, io);
        }
      } catch (error) {
        if (!isPerfError(error)) throw error;
        io.out(error.toText());
      }
      terminal.prompt();
    }
    terminal.close();
  });
}

async function answer(text: string, context: CommandContext, io: CliIo): Promise<ReportInput | undefined> {
  const turn = await converse(text, context);
  if (turn.kind === 'confirm') {
    io.out(`${renderText(turn.preview)}\nConfermi? (sì = Conferma, no = Annulla)`);
    return turn.input;
  }
  if (turn.reply.kind === 'relazione') {
    const path = join('out', turn.reply.filename);
    writePdf(path, turn.reply.pdf);
    io.out(`${renderText(turn.reply)}\nSalvata in ${resolve(path)}`);
  } else {
    io.out(renderText(turn.reply));
  }
  return undefined;
}

/** The answer to "Confermi?": stores, drops, or asks again. */
async function settlePending(pending: ReportInput, text: string, context: CommandContext, io: CliIo): Promise<ReportInput | undefined> {
  const word = text.toLowerCase();
  if (CANCEL_WORDS.has(word) || parseItalianBoolean(word) === false) {
    io.out('Annullato: nulla è stato registrato.');
    return undefined;
  }
  if (word === 'conferma' || parseItalianBoolean(word) === true) {
    io.out(renderText(await confirmAnswer(pending, { ...context, requestKey: `chat:${randomUUID()}` })));
    return undefined;
  }
  io.out('Rispondi «sì» per confermare o «no» per annullare.');
  return pending;
}
