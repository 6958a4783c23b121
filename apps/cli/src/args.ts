import { COMMANDS } from '@perf/core';
import { PerfError } from '@perf/model';

export interface CliArgs {
  readonly positional: string[];
  readonly options: Map<string, string>;
  readonly flags: Set<string>;
}

const VALUE_OPTIONS = ['db', 'ente', 'year', 'as', 'out', 'motivo', 'compare', 'from', 'to', 'format', 'indicator', 'period', 'delibera', 'documento'];
/** `--json`, `--help` and every flag a command of the table declares (`--skip-invalid`, `--sintesi`). */
const FLAG_OPTIONS = ['json', 'help', ...new Set(COMMANDS.flatMap((c) => Object.values(c.fields).flatMap((f) => (f.kind === 'flag' && f.option !== undefined ? [f.option] : []))))];

/** Splits `--name value`, `--name=value` and `--flag` from the words of a command. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '-h') { flags.add('help'); continue; }
    if (!word.startsWith('--')) { positional.push(word); continue; }
    const [name = '', inline] = word.slice(2).split(/=(.*)/s, 2);
    if (FLAG_OPTIONS.includes(name)) { flags.add(name); continue; }
    if (!VALUE_OPTIONS.includes(name)) {
      throw new PerfError('OPTION_UNKNOWN', `Opzione "--${name}" sconosciuta.`, { hint: `Opzioni: ${[...VALUE_OPTIONS.map((o) => `--${o} <valore>`), ...FLAG_OPTIONS.map((f) => `--${f}`)].join(', ')}. Vedi pnpm perf --help.` });
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new PerfError('OPTION_INVALID', `L'opzione --${name} vuole un valore.`, { hint: `Forma corretta: --${name} <valore>.` });
    if (options.has(name)) throw new PerfError('OPTION_INVALID', `L'opzione --${name} è data due volte.`, { hint: `Forma corretta: --${name} <valore>, una volta sola.` });
    options.set(name, value);
  }
  return { positional, options, flags };
}

/** `--year`, or another year option (`--from`, `--to`): four digits. */
export function yearOption(args: CliArgs, name = 'year'): number | undefined {
  const text = args.options.get(name);
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) throw new PerfError('OPTION_INVALID', `--${name} "${text}" non è un anno.`, { hint: `Forma corretta: --${name} 2012.` });
  return Number(text);
}

/** `--indicator 12` (or `#12`). */
export function indicatorOption(args: CliArgs): number | undefined {
  const text = args.options.get('indicator');
  if (text === undefined) return undefined;
  if (!/^#?\d+$/.test(text)) throw new PerfError('OPTION_INVALID', `--indicator "${text}" non è il numero di un indicatore.`, { hint: 'Forma corretta: --indicator 12.' });
  return Number(text.replace('#', ''));
}
