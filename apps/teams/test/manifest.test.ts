import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CHAT_COMMANDS, chatWord } from '@perf/core';
import { APP_ID_PLACEHOLDER, buildManifest } from '../src/manifest.ts';
import { colorIcon, outlineIcon } from '../src/png.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MANIFEST_DIR = fileURLToPath(new URL('../manifest/', import.meta.url));
const APP_ID = '11111111-2222-4333-8444-555555555555';

function run(args: readonly string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'apps/teams/src/package.ts', ...args], { cwd: ROOT, env: { ...process.env, TEAMS_APP_ID: undefined, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** Width, height and RGBA pixels of a PNG this app wrote (8-bit RGBA, filter 0 on every row). */
function readPng(png: Uint8Array): { width: number; height: number; pixels: number[][] } {
  const buffer = Buffer.from(png);
  expect(buffer.subarray(1, 4).toString('ascii')).toBe('PNG');
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const idatLength = buffer.readUInt32BE(33);
  const rows = inflateSync(buffer.subarray(41, 41 + idatLength));
  const pixels: number[][] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.push([...rows.subarray(y * (1 + 4 * width) + 1 + 4 * x, y * (1 + 4 * width) + 5 + 4 * x)]);
  return { width, height, pixels };
}

describe('Teams app package (pnpm teams:package)', () => {
  it('zips a manifest whose ids are TEAMS_APP_ID and whose commands are the core table\'s, with the two icons', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'perf-teams-pkg-')), 'perf.zip');
    const result = await run([out], { TEAMS_APP_ID: APP_ID });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Pacchetto dell'app Teams scritto in ${out}`);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.22');
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
    for (const link of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[link]).toMatch(/^https:\/\//);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    const [bot, ...others] = manifest.bots;
    expect(others).toEqual([]);
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team']);
    const lists = Object.fromEntries(bot.commandLists.map((l: { scopes: string[]; commands: { title: string; description: string }[] }) => [l.scopes.join(','), l.commands]));
    // At most 10 a list (Teams' limit): the table's first ones and help; the dashboard link is refused in a channel.
    const expected = (commands: typeof CHAT_COMMANDS) => [...commands.filter((c) => c.name !== 'help').slice(0, 9), ...commands.filter((c) => c.name === 'help')].map(chatWord);
    expect(lists.personal.map((c: { title: string }) => c.title)).toEqual(expected(CHAT_COMMANDS));
    expect(lists.team.map((c: { title: string }) => c.title)).toEqual(expected(CHAT_COMMANDS.filter((c) => c.name !== 'dashboard')));
    for (const list of Object.values(lists) as { title: string; description: string }[][]) {
      expect(list.length).toBeLessThanOrEqual(10);
      for (const c of list) {
        expect(c.title.length).toBeLessThanOrEqual(32);
        expect(c.description.length).toBeLessThanOrEqual(128);
      }
    }
    const color = readPng(files['color.png'] as Uint8Array);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(files['outline.png'] as Uint8Array);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    // Outline: white or fully transparent only, and some of each.
    const kinds = new Set(outline.pixels.map((p) => (p[3] === 0 ? 'transparent' : p.join(','))));
    expect([...kinds].sort()).toEqual(['255,255,255,255', 'transparent']);
  });

  it('refuses to package without TEAMS_APP_ID, or with one that is not a GUID, naming it in Italian', async () => {
    const missing = await run([join(tmpdir(), 'never.zip')], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Errore: TEAMS_APP_ID mancante: l'Application \(client\) ID del bot/);
    const bad = await run([join(tmpdir(), 'never.zip')], { TEAMS_APP_ID: 'perf' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('TEAMS_APP_ID="perf" non valido');
  });

  it('keeps the committed manifest and icons of apps/teams/manifest/ equal to what the package holds', () => {
    expect(JSON.parse(readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'))).toEqual(buildManifest({ appId: APP_ID_PLACEHOLDER }));
    expect(readFileSync(join(MANIFEST_DIR, 'color.png')).equals(colorIcon())).toBe(true);
    expect(readFileSync(join(MANIFEST_DIR, 'outline.png')).equals(outlineIcon())).toBe(true);
  });
});
