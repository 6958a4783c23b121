import { readFileSync } from 'node:fs';
import { parsePlan, type Plan } from '@perf/model';
import { openStore, type Store } from '@perf/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS, noticesDue, renderNoticeText, runCommandLine, runCycleChecks, type CommandContext, type PersonNotice } from '../src/index.ts';
import { discardDatabase, freshEmbeddedDir } from '../../../test/support/databases.ts';

const example = (name: string) => readFileSync(new URL(`../../../examples/cciaa-ms-2012/${name}`, import.meta.url), 'utf8');
const at = (iso: string) => new Date(iso);

describe('the cycle’s notices: causes of the gaps after a period, the Relazione’s 30 June, publication and validation', () => {
  let store: Store;
  let dir: string;
  let plan: Plan;
  const context = (now: string, personId?: string): CommandContext => ({
    store, channel: 'cli', clock: () => at(now), identity: { kind: 'operator', personId, operatorName: 'controllo:test' },
  });
  /** One round of the cycle with only notices handled: what went out, as `person key` and text. */
  const round = async (now: string) => {
    const sent: PersonNotice[] = [];
    const outcome = await runCycleChecks(store, at(now), { target: '', reminderDays: 7, app: 'slack' }, { sendNotice: async (notice) => { sent.push(notice); } });
    return { outcome, sent, texts: sent.map(renderNoticeText) };
  };

  beforeAll(async () => {
    dir = await freshEmbeddedDir();
    store = await openStore(dir);
    plan = parsePlan(example('piano-2012.yaml'));
    await store.importPlan(plan, { actor: 'test', channel: 'cli', at: at('2012-01-10T09:00:00Z') });
    const values = COMMANDS.find((c) => c.name === 'values import');
    await values?.run({ files: [{ name: 'valori-2012.yaml', content: Buffer.from(example('valori-2012.yaml'), 'utf8') }] }, context('2013-01-20T10:00:00+01:00'));
  });
  afterAll(async () => {
    await store.close();
    discardDatabase(dir);
  });

  it('asks the dirigente of each Area with yellow or red objectives at the close of a period, once', async () => {
    const due = await noticesDue(store, plan, at('2012-10-05T10:00:00+02:00'));
    const gaps = due.filter((n) => n.subject.kind === 'gaps');
    expect(gaps.length).toBeGreaterThan(0);
    for (const { person, subject } of gaps) {
      if (subject.kind !== 'gaps') continue;
      expect(person.role).toBe('dirigente');
      expect(plan.areas.find((a) => a.name === subject.area)?.head).toBe(person.id);
      expect(subject.objectives.every((o) => o.band === 'yellow' || o.band === 'red')).toBe(true);
    }
    const first = await round('2012-10-05T10:00:00+02:00');
    expect(first.sent.map((n) => n.key).sort()).toEqual(gaps.map((n) => n.key).sort());
    expect(first.texts[0]).toMatch(/^Buongiorno .+, il terzo trimestre 2012 \(2012-Q3\) è chiuso: (un obiettivo|\d+ obiettivi) dell'Area .+ (è|sono) sotto il 90%\.\n• /);
    expect(first.texts[0]).toMatch(/\ncommento \d\d\.\d causa="…" azione="…"$/);
    expect(first.outcome.notices).toHaveLength(gaps.length);
    // Claimed in the database: a second round, or another instance, sends none again.
    expect((await round('2012-10-06T10:00:00+02:00')).sent).toEqual([]);
  });

  it('reminds the controllo of the Giunta’s 30 June from 30 days before, and again once it has passed', async () => {
    expect((await noticesDue(store, plan, at('2013-05-20T10:00:00+02:00'))).filter((n) => n.subject.kind === 'adoption')).toEqual([]);
    const before = await round('2013-06-05T10:00:00+02:00');
    const adoption = before.sent.filter((n) => n.subject.kind === 'adoption');
    expect(adoption.map((n) => n.person.id)).toEqual(plan.people.filter((p) => p.role === 'controllo').map((p) => p.id));
    expect(renderNoticeText(adoption[0] as PersonNotice)).toBe('Scade il 30/06/2013 il termine per l’adozione della Relazione sulla Performance 2012 da parte della Giunta (art. 10 d.lgs. 150/2009).\nLa bozza: relazione 2012 · l’adozione, con la delibera: adotta 2012 delibera="n. … del …"');
    expect((await round('2013-06-20T10:00:00+02:00')).sent.filter((n) => n.subject.kind === 'adoption')).toEqual([]);
    const late = (await round('2013-07-02T10:00:00+02:00')).texts.filter((t) => t.startsWith('È scaduto'));
    expect(late).toEqual(['È scaduto il 30/06/2013 il termine per l’adozione della Relazione sulla Performance 2012 da parte della Giunta (art. 10 d.lgs. 150/2009) e la Relazione non risulta adottata.\nLa bozza: relazione 2012 · l’adozione, con la delibera: adotta 2012 delibera="n. … del …"']);
  });

  it('after the adoption, tells the controllo to publish and the OIV to validate; nothing for a cycle long past', async () => {
    await runCommandLine('adotta 2012 delibera="n. 45 del 3/07/2013"', context('2013-07-03T10:00:00+02:00', 'f.serra'));
    const after = await round('2013-07-04T10:00:00+02:00');
    expect(after.sent.map((n) => `${n.person.id} ${n.key}`).sort()).toEqual(['f.serra pubblicazione', 'g.ferri validazione']);
    expect(after.texts.find((t) => t.includes('Amministrazione trasparente'))).toContain('I PDF adottati: relazione 2012 · relazione 2012 sintesi');
    expect(after.texts.find((t) => t.includes('OIV'))).toMatch(/delibera n\. 45 del 3\/07\/2013\) e attende la validazione dell’OIV .+\nPer registrarla: valida 2012 documento="…"$/);
    expect(await noticesDue(store, plan, at('2014-03-01T10:00:00+01:00'))).toEqual([]);
  });
});
