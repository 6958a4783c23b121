import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@perf/store';
import { freshEmbeddedDir } from './support/databases.ts';
import { CLI_ENTRY, EXAMPLE_DIR, REPO_ROOT, runCli, runCliOk } from './support/cli.ts';

describe('two processes on one embedded directory', () => {
  it('serialises concurrent reports: both stored, nothing lost', async () => {
    const db = await freshEmbeddedDir();
    await runCliOk(['plan', 'import', join(EXAMPLE_DIR, 'piano-2012.yaml'), '--db', db]);
    const results = await Promise.all([
      runCli(['report', '12', 'value=20', 'period=2012-Q1', '--db', db]),
      runCli(['report', '12', 'value=21', 'period=2012-Q2', '--db', db]),
      runCli(['report', '14', 'value=5', 'period=2012-Q2', '--db', db]),
    ]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const store = await openStore(db);
    try {
      expect((await store.history('CCIAA-MS', 2012)).map((r) => `${r.indicator}:${r.period}:${r.value}`).sort()).toEqual(['12:2012-Q1:20', '12:2012-Q2:21', '14:2012-Q2:5']);
    } finally {
      await store.close();
    }
  });

  it('refuses a second process in Italian when the first keeps the directory, then works once it is free', async () => {
    const db = await freshEmbeddedDir();
    await runCliOk(['plan', 'import', join(EXAMPLE_DIR, 'piano-2012.yaml'), '--db', db]);
    const holder = spawn(process.execPath, [CLI_ENTRY, 'chat', '--db', db], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('perf>')) resolve(); }));
    const refused = await runCli(['report', '12', 'value=20', 'period=2012-Q1', '--db', db], { PERF_LOCK_WAIT_MS: '300' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Il database è in uso da un altro processo \(pid \d+\)\./);
    expect(refused.stderr.match(/in uso da un altro processo/g)).toHaveLength(1);
    holder.stdin.end('esci\n');
    await new Promise((resolve) => holder.on('exit', resolve));
    const after = await runCli(['history', '12', '--json', '--db', db]);
    expect(JSON.parse(after.stdout).rilevazioni).toEqual([]);
    await runCliOk(['report', '12', 'value=20', 'period=2012-Q1', '--db', db]);
  });
});
