import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_DIR, runCli, runCliOk } from './support/cli.ts';

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

describe('pnpm perf finance', () => {
  it("gives the seed's 2012 indices to the published rounding", async () => {
    const { stdout } = await runCliOk(['finance', join(EXAMPLE_DIR, 'bilancio-2012.yaml'), '--json']);
    const report = JSON.parse(stdout);
    expect(report.year).toBe(2012);
    const i = report.indices;
    expect([round(i.struttura, 2), round(i.tesoreria, 2), round(i.strutturaFinanziariaBreve, 2)]).toEqual([1.62, 3.35, 2.35]);
    expect([round(i.soliditaFinanziaria, 2), round(i.rigidita, 2), round(i.risorseUmane, 2), round(i.attrazioneRisorseEsterne, 2), round(i.riscossioneDirittoAnnuale, 2)])
      .toEqual([0.77, 0.87, 0.28, 0.34, 0.73]);
    expect(round(i.equilibrioEconomico, 2)).toBe(33.2);
    expect(round(report.proventi.diritto_annuale, 4)).toBe(0.7135);
    expect(report.warnings).toEqual([]);
  });

  it('compares years in an Italian table with the benchmark', async () => {
    const { stdout } = await runCliOk(['finance', join(EXAMPLE_DIR, 'bilancio-2011.yaml'), join(EXAMPLE_DIR, 'bilancio-2012.yaml')]);
    expect(stdout).toContain('Media Toscana 2011');
    expect(stdout).toMatch(/1,73/);
    expect(stdout).toMatch(/1,62/);
    expect(stdout).toMatch(/70,63%/);
  });

  it('gives null and a warning for a zero denominator, and exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perf-fin-'));
    const file = join(dir, 'zero.yaml');
    writeFileSync(file, `year: 2020
stato_patrimoniale: { immobilizzazioni: 0, patrimonio_netto: 100, passivo_fisso: 50, attivo_circolante: 300, passivo_circolante: 0, passivo_totale: 150 }
proventi_correnti: { diritto_annuale: 700, diritti_segreteria: 200, gestione_beni_servizi: 0, contributi: 100, altri_proventi: 0, variazione_rimanenze: 0 }
oneri_correnti: { personale: 300, interventi_economici: 0, funzionamento: 200, quote_associative: 50, automazione_servizi: 0, ammortamenti_accantonamenti: 50 }
promozione: { contributi_progetti_promozionali: 10, proventi_promozionali: 5 }
diritto_annuale: { dovuto: 0, riscosso_spontaneo: 0 }
dipendenti: 10
imprese_attive: 0
`);
    const result = await runCli(['finance', file, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.indices.struttura).toBeNull();
    expect(report.indices.tesoreria).toBeNull();
    expect(report.indices.attrazioneRisorseEsterne).toBeNull();
    expect(report.indices.riscossioneDirittoAnnuale).toBeNull();
    expect(report.indices.equilibrioEconomico).toBeNull();
    expect(report.indices.rigidita).toBeCloseTo(0.6, 10);
    expect(report.indices.soliditaFinanziaria).toBeCloseTo(100 / 150, 10);
    expect(report.warnings.length).toBeGreaterThanOrEqual(5);
    expect(report.warnings.join('\n')).toMatch(/passivo_circolante/);
  });

  it('refuses a malformed bilancio naming the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'perf-fin-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'year: 2020\nstato_patrimoniale: { immobilizzazioni: "tanti" }\n');
    const result = await runCli(['finance', file]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/stato_patrimoniale\.immobilizzazioni/);
    expect(result.stderr).toMatch(/proventi_correnti/);
  });
});

describe('pnpm perf gender', () => {
  it("prints the seed's tables and warns about its inconsistencies", async () => {
    const { stdout } = await runCliOk(['gender', join(EXAMPLE_DIR, 'genere-2012.yaml')]);
    expect(stdout).toMatch(/2012, categoria D: 11 persone nella tabella «[^»]+», 10 \(6 donne \+ 4 uomini\) nella tabella «[^»]+»/);
    expect(stdout).toMatch(/2012, totale del personale: 44 persone nella tabella «[^»]+», 43 \(26 donne \+ 17 uomini\)/);
  });
});
