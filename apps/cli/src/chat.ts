import { createInterface } from 'node:readline/promises';
import { renderText, runCommandLine } from '@perf/core';
import { isPerfError } from '@perf/model';
import { join, resolve } from 'node:path';
import type { CliArgs } from './args.ts';
import type { CliIo } from './cli-command.ts';
import { writePdf } from './commands.ts';
import { withContext } from './runtime.ts';

const EXIT_WORDS = new Set(['esci', 'exit', 'quit', 'fine']);

/** A terminal conversation with the Slack bot's grammar and answers, so it can be tried with no workspace. */
export async function runChat(args: CliArgs, io: CliIo): Promise<void> {
  await withContext(args, async (context) => {
    const who = args.options.get('as') ?? 'controllo di gestione';
    io.out(`perf — conversazione come ${who}. Scrivi "help" per i comandi, "esci" per uscire.`);
    const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
    terminal.setPrompt('perf> ');
    terminal.prompt();
    for await (const line of terminal) {
      const text = line.trim();
      if (EXIT_WORDS.has(text.toLowerCase())) break;
      if (text !== '') {
        try {
          const reply = await runCommandLine(text, context);
          if (reply.kind === 'relazione') {
            const path = join('out', reply.filename);
            writePdf(path, reply.pdf);
            io.out(`${renderText(reply)}\nSalvata in ${resolve(path)}`);
          } else {
            io.out(renderText(reply));
          }
        } catch (error) {
          if (!isPerfError(error)) throw error;
          io.out(error.toText());
        }
      }
      terminal.prompt();
    }
    terminal.close();
  });
}
