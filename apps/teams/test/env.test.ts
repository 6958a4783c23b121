import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parsePlan, PerfError } from '@perf/model';
import { afterEach, describe, expect, it } from 'vitest';
import { startMain, waitHealthy, type MainProcess } from '../../slack/test/support/process.ts';
import { readTeamsEnv } from '../src/env.ts';
import { exampleDatabaseDir, sendActivity } from './support/harness.ts';
import { FakeConnector } from './support/fake-connector.ts';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = '99999999-8888-4777-8666-555555555555';

function envError(env: NodeJS.ProcessEnv): PerfError {
  try {
    readTeamsEnv(env);
  } catch (error) {
    if (error instanceof PerfError) return error;
    throw error;
  }
  throw new Error('expected the environment to be refused');
}

let main: MainProcess | undefined;
afterEach(() => {
  if (main?.child.exitCode === null) main.child.kill('SIGKILL');
  main = undefined;
});

describe('Teams environment', () => {
  it('names each missing or malformed variable in Italian, all at once', () => {
    const missing = envError({ TEAMS_APP_ID: APP_ID });
    expect(missing).toMatchObject({ code: 'ENV_MISSING', message: "Impossibile avviare l'app Teams: mancano le variabili d'ambiente TEAMS_APP_PASSWORD, TEAMS_TENANT_ID." });
    const malformed = envError({ TEAMS_APP_ID: 'non-un-guid', TEAMS_TENANT_ID: 'contoso', PORT: 'ottanta', TEAMS_SERVICE_URL: 'smba', PERF_REMINDER_DAYS: '-1' });
    const text = malformed.toText();
    for (const name of ['TEAMS_APP_ID', 'TEAMS_TENANT_ID', 'PORT', 'TEAMS_SERVICE_URL', 'PERF_REMINDER_DAYS']) expect(text).toContain(`${name}="`);
    expect(text).toContain("Directory (tenant) ID dell'ente");
  });

  it('runs in local trial mode without TEAMS_APP_ID, with the defaults of the issue', () => {
    expect(readTeamsEnv({})).toMatchObject({
      appId: undefined, port: 3978, db: '.perf', serviceUrl: 'https://smba.trafficmanager.net/teams/',
      authorityUrl: 'https://login.microsoftonline.com/botframework.com', summaryConversation: undefined, reminderDays: 7,
    });
    const secured = readTeamsEnv({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'segreto', TEAMS_TENANT_ID: TENANT, TEAMS_SUMMARY_CONVERSATION: '19:riepiloghi@thread.tacv2' });
    expect(secured).toMatchObject({ appId: APP_ID, tenantId: TENANT, authorityUrl: `https://login.microsoftonline.com/${TENANT}`, summaryConversation: '19:riepiloghi@thread.tacv2' });
  });
});

describe('pnpm teams (whole process)', () => {
  it('refuses to start without TEAMS_APP_PASSWORD and TEAMS_TENANT_ID when TEAMS_APP_ID is set, naming both, exit status 1', async () => {
    main = await startMain({ TEAMS_APP_ID: APP_ID }, 'apps/teams/src/main.ts');
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain("mancano le variabili d'ambiente TEAMS_APP_PASSWORD, TEAMS_TENANT_ID");
  });

  it('says local trial mode in its first log line, answers /healthz and an anonymous activity, stops on SIGTERM', async () => {
    const fake = await FakeConnector.start();
    const dir = await exampleDatabaseDir();
    try {
      main = await startMain({ PERF_DB: dir, PERF_NOW: '2012-11-15T10:00:00+01:00' }, 'apps/teams/src/main.ts');
      await waitHealthy(main);
      expect(main.output().split('\n')[0]).toMatch(/^perf Teams: modalità di prova locale \(anonima, TEAMS_APP_ID non impostata\)/);
      expect((await sendActivity(`http://127.0.0.1:${main.port}`, fake.url, { type: 'message', text: 'report 12 value=29' })).status).toBe(200);
      expect(String(fake.sent()[0]?.text)).toContain('Registrato');
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
    } finally {
      await fake.close();
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  }, 90_000);
});

describe('the bundled example', () => {
  it('gives every person a teams id 00000000-0000-4000-8000-0000000000NN, NN the last two digits of their slack id', () => {
    const plan = parsePlan(readFileSync(new URL('../../../examples/cciaa-ms-2012/piano-2012.yaml', import.meta.url), 'utf8'));
    expect(plan.people.length).toBeGreaterThan(10);
    for (const person of plan.people) expect(person.teams, person.id).toBe(`00000000-0000-4000-8000-0000000000${person.slack?.slice(-2) ?? '??'}`);
    expect(plan.people.find((p) => p.id === 'g.conti')?.teams).toBe('00000000-0000-4000-8000-000000000006');
  });
});
