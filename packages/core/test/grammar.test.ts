import { describe, expect, it } from 'vitest';
import { parseCommandLine, tokenize } from '../src/index.ts';
import { PerfError as ModelError } from '@perf/model';

const errorOf = (line: string): ModelError => {
  try { parseCommandLine(line); } catch (error) { return error as ModelError; }
  throw new Error(`accepted: ${line}`);
};

describe('tokenize', () => {
  it('keeps quoted notes together, with straight, curly and guillemet quotes', () => {
    expect(tokenize('report 12 value=23 note="dato provvisorio"')).toEqual(['report', '12', 'value=23', 'note=dato provvisorio']);
    expect(tokenize('report 12 value=23 note=“dato di Slack”')).toEqual(['report', '12', 'value=23', 'note=dato di Slack']);
    expect(tokenize("report 12 value=23 note=«sì»")).toEqual(['report', '12', 'value=23', 'note=sì']);
    expect(tokenize('  status   me ')).toEqual(['status', 'me']);
  });
  it('refuses an unclosed quote', () => {
    expect(() => tokenize('report 12 value=1 note="aperta')).toThrow(/Virgolette non chiuse/);
  });
});

describe('parseCommandLine (§6)', () => {
  it('parses report with keys in any case, Italian aliases and an optional /perf', () => {
    expect(parseCommandLine('/perf report 12 VALUE=23,5 Period=2012-Q3 note="x y"').input).toEqual({ indicator: 12, rawValue: '23,5', period: '2012-Q3', note: 'x y' });
    expect(parseCommandLine('report 12 valore=23').input).toEqual({ indicator: 12, rawValue: '23', period: undefined, note: undefined });
    expect(parseCommandLine('registra #7 periodo=2012 nota=ok valore=sì').input).toEqual({ indicator: 7, rawValue: 'sì', period: '2012', note: 'ok' });
  });
  it('parses status targets, relazione years and help', () => {
    expect(parseCommandLine('status').input).toEqual({ kind: 'ente' });
    expect(parseCommandLine('status me').input).toEqual({ kind: 'me' });
    expect(parseCommandLine('status 05').input).toEqual({ kind: 'item', text: '05' });
    expect(parseCommandLine('relazione 2012').input).toEqual({ year: 2012, sintesi: false });
    expect(parseCommandLine('relazione 2012 Sintesi').input).toEqual({ year: 2012, sintesi: true });
    expect(parseCommandLine('relazione sintesi').input).toEqual({ year: undefined, sintesi: true });
    expect(parseCommandLine('relazione').input).toEqual({ year: undefined, sintesi: false });
    expect(parseCommandLine('help').command.name).toBe('help');
  });
  it.each([
    ['', 'COMMAND_MISSING', /Comandi: report/],
    ['frobnicate', 'COMMAND_UNKNOWN', /Comandi: report <indicatore> value=<valore>/],
    ['report', 'COMMAND_INVALID', /Forma corretta: report <indicatore> value=<valore>/],
    ['report abc value=1', 'COMMAND_INVALID', /"abc" non è il numero di un indicatore/],
    ['report 12', 'VALUE_MISSING', /Manca il valore/],
    ['report 12 value=', 'VALUE_MISSING', /Manca il valore/],
    ['report 12 value=1 colore=blu', 'COMMAND_INVALID', /Parametro "colore" non riconosciuto/],
    ['report 12 value=1 value=2', 'COMMAND_INVALID', /ripetuto/],
    ['report 12 value=1 altro', 'COMMAND_INVALID', /Parole in più/],
    ['status a b', 'COMMAND_INVALID', /Forma corretta: status/],
    ['relazione duemila', 'COMMAND_INVALID', /relazione \[<anno>\]/],
    ['help me', 'COMMAND_INVALID', /Forma corretta: help/],
  ])('refuses %j with %s', (line, code, message) => {
    const error = errorOf(line);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.code).toBe(code);
    expect(error.toText()).toMatch(message);
  });
});
