import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { isPerfError, PerfError } from '@perf/model';
import { buildManifest } from './manifest.ts';
import { colorIcon, outlineIcon } from './png.ts';

export const DEFAULT_PACKAGE = fileURLToPath(new URL('../manifest/perf-teams.zip', import.meta.url));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The app package Teams uploads: manifest.json and its two icons at the zip's root. */
export function teamsPackage(env: NodeJS.ProcessEnv): Uint8Array {
  const appId = env.TEAMS_APP_ID?.trim();
  if (!appId) throw new PerfError('ENV_MISSING', "TEAMS_APP_ID mancante: l'Application (client) ID del bot, lo stesso di pnpm teams.", { hint: 'Ad esempio: TEAMS_APP_ID=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx pnpm teams:package' });
  if (!GUID.test(appId)) throw new PerfError('ENV_INVALID', `TEAMS_APP_ID="${appId}" non valido: serve l'Application (client) ID del bot (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).`);
  const version = env.TEAMS_APP_VERSION?.trim() || '1.0.0';
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new PerfError('ENV_INVALID', `TEAMS_APP_VERSION="${version}" non valido: serve una versione come 1.0.0 (da aumentare a ogni nuovo caricamento).`);
  const websiteUrl = env.TEAMS_APP_WEBSITE?.trim();
  if (websiteUrl !== undefined && websiteUrl !== '' && !/^https:\/\/\S+$/.test(websiteUrl)) throw new PerfError('ENV_INVALID', `TEAMS_APP_WEBSITE="${websiteUrl}" non valido: serve un indirizzo https://….`);
  const manifest = buildManifest({ appId, version, ...(websiteUrl ? { websiteUrl } : {}) });
  return zipSync({
    'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`),
    'color.png': colorIcon(),
    'outline.png': outlineIcon(),
  });
}

/** `pnpm teams:package [file.zip]`: writes the package (default apps/teams/manifest/perf-teams.zip). */
function main(argv: readonly string[]): number {
  try {
    const out = resolve(argv[0] ?? DEFAULT_PACKAGE);
    const zip = teamsPackage(process.env);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, zip);
    console.log(`Pacchetto dell'app Teams scritto in ${out}: caricalo in Teams (App → Gestisci le app → Carica un'app) o nel Teams admin center.`);
    return 0;
  } catch (error) {
    console.error(isPerfError(error) ? `Errore: ${error.toText()}` : `Errore interno: ${(error as Error).stack ?? String(error)}`);
    return isPerfError(error) ? 1 : 70;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
