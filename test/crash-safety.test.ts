import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { openStore } from '@perf/store';
import { ENGINES } from './support/databases.ts';
import { REPO_ROOT } from './support/cli.ts';
import { importExamplePlan } from './support/example.ts';

/** Starts a reporting burst, kills it with SIGKILL after `killAfter` acknowledgements, returns the acknowledged ids. */
function burstAndKill(location: string, killAfter: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/report-burst.ts', location, '100000'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^ack (\d+)$/.exec(line);
        if (match) acked.push(Number(match[1]));
      }
      if (acked.length >= killAfter && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(acked) : reject(new Error(`burst ended on its own (${code}): ${stderr}`))));
  });
}

describe.each(ENGINES)('crash safety on %s', (_name, location) => {
  it('keeps every acknowledged rilevazione, and none half-written, across repeated kill -9', async () => {
    const db = await location();
    await importExamplePlan(db);
    const acknowledged: number[] = [];
    const kills = 3;
    for (let round = 0; round < kills; round++) {
      acknowledged.push(...await burstAndKill(db, 20 + round * 7));
    }
    const store = await openStore(db, { lockWaitMs: 2_000 });
    try {
      const history = await store.history('CCIAA-MS', 2012, 12);
      const ids = new Set(history.map((r) => r.id));
      const lost = acknowledged.filter((id) => !ids.has(id));
      const audited = new Set((await store.auditLog({ ente: 'CCIAA-MS', year: 2012 })).filter((e) => e.action === 'rilevazione.add').map((e) => e.details.rilevazione));
      const halfWritten = history.filter((r) => !audited.has(r.id) || r.note === null || !r.note.startsWith('burst'));
      console.log(`crash (${_name}): ${kills} kills survived, ${acknowledged.length} acknowledged, ${history.length} stored, ${lost.length} lost, ${halfWritten.length} half-written`);
      expect(lost).toEqual([]);
      expect(halfWritten).toEqual([]);
      expect(history.length).toBeGreaterThanOrEqual(acknowledged.length);
      // Supersession chains stay consistent: each period has exactly one current value.
      const current = history.filter((r) => !r.superseded).map((r) => r.period).sort();
      expect(current).toEqual([...new Set(current)]);
    } finally {
      await store.close();
    }
  }, 300_000);
});
