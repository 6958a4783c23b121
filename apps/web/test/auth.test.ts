import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@perf/store';
import { readWebEnv } from '../src/env.ts';
import { createSignInLink } from '@perf/core';
import { exampleStore, pageText, SECRET, START, webHarness } from './support.ts';

let store: Store;
let dir: string;
beforeAll(async () => ({ store, dir } = await exampleStore()));
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sign-in by one-time link', () => {
  it('answers /healthz and sends the security headers on every page', async () => {
    const web = webHarness(store);
    const health = await web.get('/healthz');
    expect(health.status).toBe(200);
    const signInPage = await web.get('/accesso');
    const csp = signInPage.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(signInPage.headers.get('x-content-type-options')).toBe('nosniff');
    expect(signInPage.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await signInPage.text();
    expect(body).toContain('<html lang="it">');
    expect(body).not.toMatch(/<script|style=/);
  });

  it('shows the sign-in page (401) to a request without a session', async () => {
    const web = webHarness(store);
    for (const path of ['/', '/ente/2012', '/ente/2012/obiettivo/01', '/ente/2012/indicatore/12']) {
      const response = await web.get(path);
      expect(response.status, path).toBe(401);
      expect(await response.text()).toContain('pnpm perf web link --as');
    }
  });

  it('opens an 8-hour HttpOnly, SameSite=Strict session from a link, once', async () => {
    const web = webHarness(store);
    const url = await web.link('f.serra');
    expect(url).toMatch(/^http:\/\/localhost:8080\/accesso\?t=/);
    // Opening the link (GET, as a link preview would) consumes nothing: it shows a button that posts the token.
    const landing = await web.get(new URL(url).pathname + new URL(url).search);
    expect(await landing.text()).toContain('Entra nel cruscotto');
    const token = web.tokenOf(url);
    const first = await web.postToken(token);
    expect(first.status).toBe(303);
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/perf_sessione=[A-Za-z0-9_-]{43}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    expect(cookie).toContain('Max-Age=28800');
    expect(cookie).not.toContain('Expires=');

    const again = await web.postToken(token);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('è già stato usato');
  });

  it('refuses a link after 15 minutes, and a link whose signature is wrong', async () => {
    const web = webHarness(store);
    const token = web.tokenOf(await web.link('f.serra'));
    web.clock.advance(15 * 60_000 + 1);
    expect((await web.postToken(token)).status).toBe(400);
    const fresh = web.tokenOf(await web.link('f.serra'));
    const tampered = fresh.replace(/^[^.]+/, Buffer.from('g.ferri').toString('base64url'));
    expect((await web.postToken(tampered)).status).toBe(400);
    // The untouched one still works: the tampered attempt did not consume it.
    expect((await web.postToken(fresh)).status).toBe(303);
  });

  it('ends the session after 8 hours', async () => {
    const web = webHarness(store);
    const cookie = await web.signIn('g.ferri');
    expect((await web.get('/ente/2012', cookie)).status).toBe(200);
    web.clock.advance(8 * 3_600_000 + 1);
    expect((await web.get('/ente/2012', cookie)).status).toBe(401);
  });

  it('marks the cookie Secure when PERF_WEB_URL is https', async () => {
    const web = webHarness(store, { baseUrl: 'https://performance.example.it' });
    const response = await web.postToken(web.tokenOf(await web.link('f.serra')));
    expect(response.headers.get('set-cookie')).toContain('Secure');
  });

  it('limits sign-in attempts per address (429 beyond the limit)', async () => {
    const web = webHarness(store, { signInLimit: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await web.postToken('nonsense')).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const refused = await web.postToken('nonsense');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(pageText(await refused.text())).toMatch(/Troppi tentativi di accesso da questo indirizzo\. Riprova tra \d+ secondi/);
    // Another address has its own allowance; the limit is on sign-in only, not on the pages.
    const fromElsewhere = await web.app.request('/accesso', {
      method: 'POST', body: new URLSearchParams({ t: 'nonsense' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    }, { incoming: { socket: { remoteAddress: '192.0.2.7' } } });
    expect(fromElsewhere.status).toBe(400);
    expect((await web.get('/accesso')).status).toBe(200);
  });

  it('behind a trusted proxy (PERF_WEB_TRUST_PROXY=1) counts each client of X-Forwarded-For apart; otherwise ignores that header', async () => {
    const via = (forwarded: string) => ({ 'X-Forwarded-For': forwarded });
    const proxied = webHarness(store, { signInLimit: 2, trustProxy: true });
    const fromA = [];
    for (let i = 0; i < 3; i++) fromA.push((await proxied.postToken('nonsense', via(`198.51.100.${i}, 192.0.2.1`))).status);
    expect(fromA).toEqual([400, 400, 429]);
    expect((await proxied.postToken('nonsense', via('192.0.2.2'))).status).toBe(400);
    const direct = webHarness(store, { signInLimit: 2 });
    const spoofed = [];
    for (let i = 0; i < 3; i++) spoofed.push((await direct.postToken('nonsense', via(`192.0.2.${10 + i}`))).status);
    expect(spoofed).toEqual([400, 400, 429]);
  });

  it('sends the security headers on refusals and missing pages too', async () => {
    const web = webHarness(store);
    const cookie = await web.signIn('m.verdi');
    for (const [path, status] of [['/ente/2012/area/AAS', 403], ['/nulla', 404], ['/ente/2012', 303], ['/static/style.css', 200]] as const) {
      const response = await web.get(path, cookie);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-security-policy'), path).toContain("default-src 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('no-referrer');
    }
  });

  it('refuses a link without a person, and audits each link without its token', async () => {
    const operator = { store, channel: 'cli' as const, clock: () => new Date(START), identity: { kind: 'operator' as const, operatorName: 'controllo:test' } };
    await expect(createSignInLink(operator, { secret: SECRET, baseUrl: 'http://localhost:8080' })).rejects.toThrow(/link di accesso al cruscotto è personale/);
    const web = webHarness(store);
    const token = web.tokenOf(await web.link('p.rossi'));
    const links = (await store.auditLog({ ente: 'CCIAA-MS' })).filter((e) => e.action === 'web.link');
    expect(links.at(-1)).toMatchObject({ actor: 'p.rossi', channel: 'cli', details: { person: 'p.rossi' } });
    expect(JSON.stringify(links)).not.toContain(token.split('.')[3]);
  });
});

describe('pnpm web configuration', () => {
  it('names PERF_WEB_SECRET when it is missing, in Italian', () => {
    expect(() => readWebEnv({ PERF_DB: '/tmp/x' })).toThrow(/PERF_WEB_SECRET mancante/);
  });
  it('reads PERF_WEB_TRUST_PROXY as 1 or 0, and names a bad value in Italian', () => {
    expect(readWebEnv({ PERF_WEB_SECRET: 'x'.repeat(32) }).trustProxy).toBe(false);
    expect(readWebEnv({ PERF_WEB_SECRET: 'x'.repeat(32), PERF_WEB_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(() => readWebEnv({ PERF_WEB_SECRET: 'x'.repeat(32), PERF_WEB_TRUST_PROXY: 'sì' })).toThrow(/PERF_WEB_TRUST_PROXY="sì" non valido/);
  });
  it('defaults PORT to 8080 and PERF_WEB_URL to http://localhost:<PORT>', () => {
    expect(readWebEnv({ PERF_WEB_SECRET: 'x'.repeat(32) })).toMatchObject({ port: 8080, baseUrl: 'http://localhost:8080' });
    expect(readWebEnv({ PERF_WEB_SECRET: 'x'.repeat(32), PORT: '9090' })).toMatchObject({ port: 9090, baseUrl: 'http://localhost:9090' });
  });
});
