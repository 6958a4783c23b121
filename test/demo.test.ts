import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './support/databases.ts';
import { EXAMPLE_DIR, runCliOk } from './support/cli.ts';
import { pdfText } from './support/pdf-text.ts';

const plan = parse(readFileSync(join(EXAMPLE_DIR, 'piano-2012.yaml'), 'utf8')) as { strategic_objectives: { id: string; title: string }[] };

describe.each(ENGINES)('pnpm perf demo on %s', (_name, location) => {
  let db: string;
  let out: string;
  let demoOutput: string;
  beforeAll(async () => {
    db = await location();
    out = mkdtempSync(join(tmpdir(), 'perf-demo-'));
    demoOutput = (await runCliOk(['demo', '--db', db, '--out', join(out, 'demo.pdf')])).stdout;
  }, 240_000);

  it("reproduces the seed's published result: 94%, 15/2/1 = 83/11/6", async () => {
    const status = JSON.parse((await runCliOk(['status', '--year', '2012', '--json', '--db', db])).stdout);
    expect(status.overall).toMatchObject({ percent: 94, band: 'green' });
    expect(status.summary).toEqual({ total: 18, green: { count: 15, percent: 83 }, yellow: { count: 2, percent: 11 }, red: { count: 1, percent: 6 }, unscored: { count: 0 } });
    expect(status.strategic).toHaveLength(18);
    expect(demoOutput).toContain(`Relazione scritta in ${join(out, 'demo.pdf')}`);
  });

  it('records the example’s cycle on its own dates, not the day the demo ran, and says which are reconstructed', async () => {
    const rows = (JSON.parse((await runCliOk(['history', '12', '--year', '2012', '--json', '--db', db])).stdout) as { rilevazioni: { period: string; reportedAt: string }[] }).rilevazioni;
    expect(rows.length).toBeGreaterThan(0);
    // Each period's values ten days after it ends (Q4: 11 January 2013), the consuntivo 45 days after the year.
    expect(rows.map((r) => [r.period, r.reportedAt])).toContainEqual(['2012-Q1', '2012-04-11T08:00:00.000Z']);
    for (const row of rows) expect(row.reportedAt.slice(0, 4), row.period).toMatch(/^201[23]$/);
    expect(demoOutput).toContain('Date del ciclo: Piano adottato il 27/01/2012 (dal seme); le date delle rilevazioni non sono nel seme e sono ricostruite');
    // Provenance: the values the seed prints and those the example reconstructs (`ricostruito: true`).
    const first = (JSON.parse((await runCliOk(['history', '1', '--year', '2012', '--json', '--db', db])).stdout) as { rilevazioni: { period: string; reconstructed: boolean }[] }).rilevazioni;
    expect(first.map((r) => [r.period, r.reconstructed])).toEqual([['2012-Q2', true], ['2012-Q4', false]]);
  });

  it('is idempotent: running it again stores nothing new', async () => {
    const before = (await runCliOk(['history', '12', '--year', '2012', '--json', '--db', db])).stdout;
    const again = await runCliOk(['demo', '--db', db, '--out', join(out, 'again.pdf')]);
    expect(again.stdout).toMatch(/già presente e identico/);
    const kept = [...again.stdout.matchAll(/0 registrati, (\d+) già present[ei] \(file già importato\)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(kept).toBe(103);
    expect((await runCliOk(['history', '12', '--year', '2012', '--json', '--db', db])).stdout).toBe(before);
  }, 240_000);

  it('writes a Relazione from the database whose text reads correctly', async () => {
    const file = join(out, 'r.pdf');
    const result = await runCliOk(['relazione', '--year', '2012', '--out', file, '--db', db]);
    expect(result.stderr).toMatch(/Capitolo 6/);
    const { flat, info } = await pdfText(readFileSync(file));
    for (const heading of ['Presentazione', '1. Sintesi delle informazioni di interesse per gli Stakeholder', "2. L’Albero della Performance",
      '3. La dimensione economico-finanziaria', '4. La dimensione di genere', '5. Il processo di redazione', '6. Allegati Tecnici']) {
      expect(flat, heading).toContain(heading.replace(/’/g, flat.includes('L’Albero') ? '’' : "'"));
    }
    for (const objective of plan.strategic_objectives) {
      expect(flat, objective.id).toContain(objective.id);
      expect(flat.replace(/-\s/g, '-'), objective.title).toContain(objective.title.slice(0, 40));
    }
    expect(flat).toMatch(/Con target raggiunto \(90%-100%\) 15 83%/);
    expect(flat).toMatch(/Con target parzialmente raggiunto \(80%-89%\) 2 11%/);
    expect(flat).toMatch(/Con target non raggiunto \(0-79%\) 1 6%/);
    expect(flat).toMatch(/94%/);
    expect(flat).toMatch(/€ 1\.210\.155(,00)?/);
    expect(flat).toMatch(/70,63%/);
    expect(flat).toMatch(/1,62/);
    // The context the demo imported (contesto-2012.yaml): users, the staff by age, the solar panels.
    expect(demoOutput).toContain('Contesto CCIAA-MS 2012 importato da contesto-2012.yaml.');
    expect(flat).toMatch(/Imprese † 22\.605 tutti/);
    expect(flat).toMatch(/€ 21\.345,50 € 7\.319,68 34%/);
    expect(flat).toContain('attività');
    // The seed's criticità, recorded with `commento`: cause, opportunity and corrective action.
    expect(demoOutput).toContain('Criticità criticita-2012.yaml: 4 commenti');
    expect(flat).toContain('Causa e opportunità');
    expect(flat).toMatch(/Ottenere finanziamenti per incrementare ulteriormente gli interventi sul territorio/);
    expect(flat).toMatch(/Si sono registrate n\. 2 assenze per maternità/);
    expect(info.Author).toBe('Camera di Commercio di Massa Carrara');
  }, 120_000);
});
