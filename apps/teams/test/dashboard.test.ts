import { afterEach, describe, expect, it } from 'vitest';
import { withEnv } from '../../../test/support/env.ts';
import { Harness } from './support/harness.ts';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const texts = (h: Harness) => h.fake.sent().map((a) => String(a.text ?? ''));
const WEB = { PERF_WEB_SECRET: 'a-secret-shared-by-teams-and-the-dashboard', PERF_WEB_URL: 'https://cruscotto.cciaa-ms.example' };

describe('dashboard in Teams', () => {
  it('sends the sign-in link in the personal chat, and never in a channel', async () => {
    harness = await Harness.start();
    const started = harness;
    await withEnv(WEB, async () => {
      await started.message('dashboard');
      await started.message('<at>perf</at> cruscotto', { conversation: { id: '19:canale-ufficio@thread.tacv2', conversationType: 'channel' } });
    });
    const [personal, channel] = texts(harness);
    expect(personal).toMatch(/^Il tuo link personale al cruscotto di Camera di Commercio di Massa Carrara:\nhttps:\/\/cruscotto\.cciaa-ms\.example\/accesso\?t=/);
    expect(channel).toBe('Il link personale al cruscotto arriva solo nella chat privata con perf: scrivimi «dashboard» lì. In questo canale non lo mostro.');
    expect(harness.fake.sent().filter((a) => String(a.text ?? '').includes('/accesso?t='))).toHaveLength(1);
  });
});
