import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { converse, renderText, type CommandContext } from '@perf/core';
import { isPerfError } from '@perf/model';
import type { CliArgs } from './args.ts';
import type { CliIo } from './cli-command.ts';
import { writeOutputFile } from './files.ts';
import { withContext } from './runtime.ts';

const EXIT_WORDS = new Set(['esci', 'exit', 'quit', 'fine']);

/**
 * A terminal conversation with the chat bots' understanding and answers, so it can be tried with no
 * workspace: commands without /perf, values in free text («seminari di alta formazione: 6») echoed
 * with their grade and stored only after «sì», questions, corrections. The pending value lives in the
 * database (the core keeps it per person and conversation).
 */
export async function runChat(args: CliArgs, io: CliIo): Promise<void> {
  await withContext(args, async (context) => {
    const who = args.options.get('as') ?? 'controllo di gestione';
    io.out(`perf — conversazione come ${who}. Scrivi "help" per i comandi, «12: 23,5» per dare un valore, "esci" per uscire.`);
    const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
    terminal.setPrompt('perf> ');
    terminal.prompt();
    for await (const line of terminal) {
      const text = line.trim();
      if (EXIT_WORDS.has(text.toLowerCase())) break;
      try {
        if (text !== '') await answer(text, context, io);
      } catch (error) {
        if (!isPerfError(error)) throw error;
        io.out(error.toText());
      }
      terminal.prompt();
    }
    terminal.close();
  });
}

async function answer(text: string, context: CommandContext, io: CliIo): Promise<void> {
  const turn = await converse(text, context, { conversation: 'terminal' });
  if (turn.kind === 'confirm') {
    io.out(turn.text ?? `${renderText(turn.preview)}\nConfermi? (sì = Conferma, no = Annulla)`);
    return;
  }
  if (turn.kind === 'message') {
    io.out(turn.text);
    return;
  }
  if (turn.reply.kind === 'relazione') {
    const path = join('out', turn.reply.filename);
    writeOutputFile(path, turn.reply.pdf, 'pdf');
    io.out(`${renderText(turn.reply)}\nSalvata in ${resolve(path)}`);
  } else {
    io.out(renderText(turn.reply));
  }
}
