// @ts-check
/**
 * The CLI's bundle: `apps/cli/dist/` holds one esbuild bundle of `apps/cli/src/main.ts` (gitignored)
 * and `manifest.json`, which names its entry file and lists every file it was built from with its size
 * and modification time. The bundle is current when every listed file still has them: a few hundred
 * stat calls, a few milliseconds. Otherwise the launcher (perf.mjs) loads `build.mjs` (and esbuild) to
 * rebuild it; this module never imports build.mjs, which imports it.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root, the bundle's folder and its manifest. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
export const MANIFEST = `${DIST}manifest.json`;
/** The manifest's form: a manifest of another form is stale. (A change to build.mjs is itself an input.) */
export const FORMAT = 1;

/**
 * @typedef {[path: string, size: number, mtimeMs: number]} InputStamp   path relative to ROOT; size -1: the file did not exist
 * @typedef {{ format: number, entry: string, files: string[], inputs: InputStamp[] }} Manifest
 */

/** @param {string} path relative to ROOT @returns {InputStamp} */
export function stamp(path) {
  try {
    const stats = statSync(ROOT + path);
    return [path, stats.size, stats.mtimeMs];
  } catch {
    return [path, -1, 0];
  }
}

/** @returns {Manifest | undefined} */
export function readManifest() {
  try {
    const manifest = /** @type {Manifest} */ (JSON.parse(readFileSync(MANIFEST, 'utf8')));
    return manifest.format === FORMAT ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Whether every file the bundle was built from is as it was, and the bundle's own files are there. */
/** @param {Manifest} manifest */
export function isCurrent(manifest) {
  for (const [path, size, mtimeMs] of manifest.inputs) {
    const [, nowSize, nowMtimeMs] = stamp(path);
    if (nowSize !== size || nowMtimeMs !== mtimeMs) return false;
  }
  for (const file of manifest.files) {
    try { statSync(DIST + file); } catch { return false; }
  }
  return true;
}
