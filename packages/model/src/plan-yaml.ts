import { parse as parseYaml, YAMLParseError } from 'yaml';
import { formatNumber } from './format.ts';
import { PerfError } from './errors.ts';

/**
 * How many alias expansions (`*nome`) a YAML file may ask for, counted as the `yaml` library counts
 * them: beyond it a file of nested anchors (a "billion laughs") would take memory and time without end.
 */
export const MAX_YAML_ALIASES = 100;

const YAML_FORM = 'Controlla indentazione, due punti dopo ogni chiave e virgolette chiuse.';

/**
 * Parses YAML text into a document, mapping syntax errors to an Italian message with line and column,
 * and an alias bomb or an alias without its anchor (the library's ReferenceError) to an Italian refusal.
 */
export function parseYamlDocument(yamlText: string, source: string): unknown {
  try {
    return parseYaml(yamlText, { prettyErrors: true, uniqueKeys: true, maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0] ? `riga ${error.linePos[0].line}, colonna ${error.linePos[0].col}` : 'posizione sconosciuta';
      throw new PerfError('YAML_INVALID', `Il file "${source}" non è YAML valido (${where}): ${error.message.split('\n')[0]}`, { hint: YAML_FORM });
    }
    if (error instanceof ReferenceError && /excessive alias count/i.test(error.message)) {
      throw new PerfError('YAML_INVALID', `Il file "${source}" contiene troppi alias YAML (*nome): espanderli richiederebbe più di ${formatNumber(MAX_YAML_ALIASES, 0)} riferimenti.`, {
        hint: 'Scrivi i valori per esteso, senza ancore (&nome) e alias (*nome) annidati.', cause: error,
      });
    }
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new PerfError('YAML_INVALID', `Il file "${source}" usa un alias YAML (*nome) senza l'ancora (&nome) che lo definisce prima.`, {
        hint: 'Definisci l\'ancora (&nome) prima di usarne l\'alias, oppure scrivi il valore per esteso.', cause: error,
      });
    }
    throw error;
  }
}
