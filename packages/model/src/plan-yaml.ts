import { parse as parseYaml, YAMLParseError } from 'yaml';
import { PerfError } from './errors.ts';

/** Parses YAML text into a document, mapping syntax errors to an Italian message with line and column. */
export function parseYamlDocument(yamlText: string, source: string): unknown {
  try {
    return parseYaml(yamlText, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos?.[0] ? `riga ${error.linePos[0].line}, colonna ${error.linePos[0].col}` : 'posizione sconosciuta';
      throw new PerfError('YAML_INVALID', `Il file "${source}" non è YAML valido (${where}): ${error.message.split('\n')[0]}`, {
        hint: 'Controlla indentazione, due punti dopo ogni chiave e virgolette chiuse.',
      });
    }
    throw error;
  }
}
