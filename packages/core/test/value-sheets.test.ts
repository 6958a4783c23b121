import { describe, expect, it } from 'vitest';
import { csvRecords, readValueSheet } from '../src/value-sheets.ts';

const read = async (text: string) => [...await readValueSheet('valori.csv', Buffer.from(text, 'utf8'))];

describe('reading values from CSV', () => {
  it('splits records on LF or CRLF, with quoted fields holding delimiters, line breaks and doubled quotes', () => {
    const text = '\uFEFFa;b;c\r\n1;"x;y";"detto ""così""\r\nsu due righe"\r\n\r\n2;;3\n"fine"';
    expect([...csvRecords(text, ';', 'valori.csv')]).toEqual([
      ['a', 'b', 'c'], ['1', 'x;y', 'detto "così"\r\nsu due righe'], [''], ['2', '', '3'], ['fine'],
    ]);
  });

  it('refuses a quote that never closes, naming its record', () => {
    expect(() => [...csvRecords('a,b\n1,"aperto\n2,3\n', ',', 'valori.csv')]).toThrow(/virgolette aperte alla riga 2 non si chiudono/);
  });

  it('reads the rows with their spreadsheet numbers, `;` or `,` as the first line uses, Italian or English headers', async () => {
    expect(await read('\uFEFFindicatore;valore;periodo;nota;persona\r\n12;"23,5";2012-Q4; dato definitivo ;g.conti\r\n\r\n#7;sì;;;\r\n')).toEqual([
      { where: 'riga 2', key: 'r2', indicator: 12, value: '23,5', period: '2012-Q4', note: 'dato definitivo', by: 'g.conti' },
      { where: 'riga 4', key: 'r4', indicator: 7, value: 'sì', period: undefined, note: undefined, by: undefined },
    ]);
    expect(await read('indicator,value,period\n12,"1.234,5",2012\nuno,3,2012\n13,,2012\n')).toEqual([
      { where: 'riga 2', key: 'r2', indicator: 12, value: '1.234,5', period: '2012', note: undefined, by: undefined },
      { problem: 'riga 3: "uno" non è il numero di un indicatore' },
      { problem: 'riga 4 (indicatore 13): manca il valore' },
    ]);
  });

  it('refuses a bad header, an empty file and a file without values', async () => {
    await expect(read('indicatore;valor;nota;nota\n1;2;3;4\n')).rejects.toMatchObject({
      message: expect.stringContaining('intestazione non valida (riga 1)'),
      details: ['colonne non previste: "valor", "nota" (ripetuta) (controlla l\'ortografia)', 'manca la colonna valore'],
    });
    await expect(read('\r\n\r\n')).rejects.toThrow(/è vuoto/);
    await expect(read('indicatore;valore\n;\n')).rejects.toThrow(/non contiene valori/);
  });
});
