import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine, type CommandContext } from '@perf/core';
import type { Store } from '@perf/store';
import { exampleStore, webHarness } from './support.ts';

/**
 * The dashboard in a real browser: Debian's chromium driven by playwright-core (never a browser
 * download), against the real HTTP server over the bundled example. `.ci/run` installs chromium.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

let store: Store;
let dir: string;
let server: ServerType;
let browser: Browser;
let web: ReturnType<typeof webHarness>;
let origin: string;
/** The CSP violations Chromium reported on the pages the tests opened (the CSP probe's own page aside). */
const cspViolations: string[] = [];

/** A fresh browser context (its own cookies), signed in as `person` through a one-time link. */
async function signedIn(person: string, options: { watchCsp?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; link: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (options.watchCsp ?? true) {
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(`${page.url()}: ${message.text()}`);
    });
  }
  const link = await web.link(person);
  await enterWith(page, link);
  return { context, page, link };
}

/** Opens a sign-in link and presses its button; resolves once the page the POST leads to has loaded. */
async function enterWith(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Entra nel cruscotto' }).click()]);
  await page.waitForLoadState('load');
}

/** Clicks the link named `name` and waits for the page at `path`. */
async function follow(page: Page, name: RegExp, path: string): Promise<void> {
  await Promise.all([page.waitForURL(`${origin}${path}`), page.getByRole('link', { name }).first().click()]);
}

/** axe-core's serious and critical WCAG 2.1 AA violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // Browser-side code as text: this package's TypeScript has no DOM library.
  const { violations, passes } = await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} } })
    .then((r) => ({ violations: r.violations, passes: r.passes.length }))`) as { violations: AxeViolation[]; passes: number };
  if (passes === 0) throw new Error(`axe-core checked nothing on ${page.url()}`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${page.url()} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const available = existsSync(CHROMIUM);
const SKIPPED = `skipped: ${CHROMIUM} is absent (install Debian's package: apt-get install chromium; .ci/run does)`;
if (!available) console.warn(`browser tests ${SKIPPED}`);

describe.skipIf(!available)(`the dashboard in Chromium${available ? '' : ` (${SKIPPED})`}`, () => {
  beforeAll(async () => {
    ({ store, dir } = await exampleStore());
    let app: ReturnType<typeof webHarness>['app'] | undefined;
    server = serve({ fetch: (request, env) => (app === undefined ? new Response('avvio', { status: 503 }) : app.fetch(request, env)), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    web = webHarness(store, { baseUrl: origin });
    app = web.app;
    // launch() gives Chromium a new empty --user-data-dir of its own, removed on close.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())));
    await store?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in through a one-time link, shows 94% and 15 / 2 / 1, and drills down to an indicator\'s history chart', async () => {
    const { context, page } = await signedIn('f.serra');
    expect(new URL(page.url()).pathname).toBe('/ente/2012');
    await expect(page.locator('h1').textContent()).resolves.toBe('Cruscotto dell’ente 2012');
    await expect(page.locator('p.key').innerText()).resolves.toBe('Livello di performance complessivo di ente: 94% · raggiunto');
    await expect(page.locator('p.summary').innerText()).resolves.toContain('15 raggiunti / 2 parzialmente raggiunti / 1 non raggiunti');

    await follow(page, /^04\. /, '/ente/2012/obiettivo/04');
    await follow(page, /^04\.1\. /, '/ente/2012/obiettivo/04.1');
    await follow(page, /^12\. Adesioni/, '/ente/2012/indicatore/12');
    await expect(page.getByRole('heading', { name: 'Storico dei valori' }).isVisible()).resolves.toBe(true);
    const chart = page.locator('figure.chart svg[role="img"]');
    await expect(chart.count()).resolves.toBe(1);
    await expect(chart.locator('title').textContent()).resolves.toBe('Indicatore 12: valore per periodo e target');
    const box = await chart.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(200);
    await context.close();
  });

  it('refuses a staff member another Area\'s page with the 403 page, and lets them see their own', async () => {
    const { context, page } = await signedIn('m.verdi');
    expect(new URL(page.url()).pathname).toBe('/ente/2012/miei');
    const refused = await page.goto(`${origin}/ente/2012/area/AAS`);
    expect(refused?.status()).toBe(403);
    await expect(page.locator('h1').textContent()).resolves.toBe('Accesso non consentito');
    await expect(page.locator('p.error').innerText()).resolves.toContain('Marco Verdi (personale) non può');
    expect((await page.goto(`${origin}/ente/2012/area/AGP`))?.status()).toBe(200);
    await context.close();
  });

  it('refuses a link the second time it is used', async () => {
    const first = await signedIn('p.rossi');
    await first.context.close();
    const context = await browser.newContext();
    const page = await context.newPage();
    await enterWith(page, first.link);
    expect(new URL(page.url()).pathname).toBe('/accesso');
    await expect(page.locator('p.error').innerText()).resolves.toBe('Il link di accesso non è valido, è scaduto o è già stato usato.');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await page.goto(`${origin}/ente/2012/area/AAC`))?.status()).toBe(401);
    await context.close();
  });

  it('enforces its Content-Security-Policy in the browser: an inline script put into a page does not run', async () => {
    const { context, page } = await signedIn('g.ferri', { watchCsp: false });
    const refusals: string[] = [];
    page.on('console', (message) => refusals.push(message.text()));
    await page.evaluate(`(() => { const s = document.createElement('script'); s.textContent = 'document.body.dataset.ran = "sì"'; document.head.append(s); })()`);
    await expect(page.locator('body').getAttribute('data-ran')).resolves.toBeNull();
    expect(refusals.join('\n')).toMatch(/Content Security Policy/);
    await context.close();
  });

  it('reaches the skip link, the menu and the objectives with Tab, each focus visible, and opens one with Enter', async () => {
    const { context, page } = await signedIn('f.serra');
    const focused = async () => await page.evaluate(`(() => {
      const element = document.activeElement;
      const style = getComputedStyle(element);
      return { text: element.textContent.trim(), href: element.getAttribute('href') ?? '', visible: element.matches(':focus-visible'), outline: style.outlineStyle + ' ' + style.outlineWidth };
    })()`) as { text: string; href: string; visible: boolean; outline: string };
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Vai al contenuto', href: '#contenuto', visible: true, outline: 'solid 3px' });
    const reached: string[] = [];
    for (let i = 0; i < 40 && !reached.includes('/ente/2012/obiettivo/01'); i++) {
      await page.keyboard.press('Tab');
      const now = await focused();
      expect(now.outline, now.text).toBe('solid 3px');
      expect(now.visible, now.text).toBe(true);
      reached.push(now.href);
    }
    expect(reached).toEqual(expect.arrayContaining(['/ente/2012', '/ente/2012/controllo', '/ente/2012/miei', '/ente/2012/aree', '/ente/2012/registro', '/ente/2012/documenti', '/ente/2012/obiettivo/01']));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/ente/2012/obiettivo/01`);
    await context.close();
  });

  it('answers 404 for the public page of a year whose Relazione is not adopted', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${origin}/trasparenza/CCIAA-MS/2012`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('p.error').innerText()).resolves.toBe('Nessuna Relazione sulla Performance adottata per questo ente e anno.');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('answers 200 on the public page once the controllo records the Giunta\'s adoption: key results, the adopted PDF, axe-clean', async () => {
    const controllo: CommandContext = { store, channel: 'cli', clock: web.clock.read, identity: { kind: 'operator', personId: 'f.serra', operatorName: 'controllo:test' } };
    await runCommandLine('adotta 2012 delibera="n. 45 del 27/06/2013"', controllo);
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${origin}/trasparenza/CCIAA-MS/2012`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Camera di Commercio di Massa Carrara: risultati della performance 2012');
    await expect(page.locator('p.key').innerText()).resolves.toBe('Livello di performance complessivo di ente: 94% · raggiunto');
    await expect(page.locator('p.summary').innerText()).resolves.toContain('15 raggiunti / 2 parzialmente raggiunti / 1 non raggiunti');
    const pdfLink = page.getByRole('link', { name: /^Scarica la Relazione sulla Performance 2012 adottata/ });
    const pdf = await page.request.get(`${origin}${await pdfLink.getAttribute('href')}`);
    expect([pdf.status(), pdf.headers()['content-type']]).toEqual([200, 'application/pdf']);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('has an axe-core check that finds what it must: an image without text, grey text on white', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.setContent('<!doctype html><html lang="it"><head><title>prova</title></head><body><main><h1>Prova</h1><img src="x.png"><p class="x">testo</p></main></body></html>');
    await page.addStyleTag({ content: '.x { color: #bbb; background: #fff; }' });
    expect((await seriousViolations(page)).map((v) => v.split(' ')[1])).toEqual(['color-contrast', 'image-alt']);
    await context.close();
  });

  const AXE_PAGES: readonly [string, readonly string[]][] = [
    ['f.serra', ['/ente/2012', '/ente/2012/obiettivo/04', '/ente/2012/obiettivo/04.1', '/ente/2012/indicatore/12', '/ente/2012/aree', '/ente/2012/area/AAC',
      '/ente/2012/controllo', '/ente/2012/documenti', '/ente/2012/obiettivo/99']],
    ['g.ferri', ['/ente/2012/registro', '/ente/2012/registro?indicatore=12&fuori=1']],
    ['m.verdi', ['/ente/2012/miei', '/ente/2012/area/AGP', '/ente/2012/area/AAS']],
  ];

  it('passes axe-core (WCAG 2.1 AA) with no serious or critical violation on the pages without a session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of ['/accesso', `/accesso?t=${encodeURIComponent(web.tokenOf(await web.link('g.conti')))}`, '/ente/2012', '/nulla']) {
      await page.goto(`${origin}${path}`);
      found.push(...await seriousViolations(page));
    }
    expect(found).toEqual([]);
    await context.close();
  });

  it.each(AXE_PAGES)('passes axe-core (WCAG 2.1 AA) with no serious or critical violation on the pages of %s', async (person, paths) => {
    const { context, page } = await signedIn(person);
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(`${origin}${path}`);
      found.push(...await seriousViolations(page));
    }
    expect(found).toEqual([]);
    await context.close();
  });

  it('broke no Content-Security-Policy rule on any page the tests above opened', () => {
    expect(cspViolations).toEqual([]);
  });
});
