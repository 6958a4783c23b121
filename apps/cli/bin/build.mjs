// @ts-check
/**
 * Builds the CLI's bundle (see bundle.mjs) with esbuild: loaded only when the bundle is missing or stale.
 *
 * - One bundle of `apps/cli/src/main.ts` and everything it imports (our packages' TypeScript, zod, yaml),
 *   split into chunks so that what only some commands use (the Relazione renderer, the spreadsheets, the
 *   PostgreSQL driver) stays in chunks loaded by those commands.
 * - `EXTERNAL` packages stay out and are loaded by Node from `apps/cli/node_modules`: apps/cli depends on
 *   each, and the build refuses to run unless the copy found from `apps/cli/dist/` is the very one the
 *   importing package resolves, so the bundle runs the same code as the sources.
 * - `import.meta.url` of a bundled source file still names that file, as it does when the sources run
 *   directly: files found next to a module (examples, fonts, packages resolved from it) are found the same way.
 * - The manifest stamps every input with its size and modification time. A file modified while esbuild
 *   ran gets a stamp that never matches unless it still holds the very text compiled: the next run rebuilds.
 * - Every file is written under a content-hashed name (temporary file, then rename) and the manifest last,
 *   the same way: processes that rebuild at once, or run while another rebuilds, never see half a bundle;
 *   one process builds at a time (a lock file), the others wait for its manifest.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import * as esbuild from 'esbuild';
import { DIST, FORMAT, MANIFEST, ROOT, isCurrent, readManifest, stamp } from './bundle.mjs';

const ENTRY = 'apps/cli/src/main.ts';

/**
 * Not bundled: PGlite reads its WebAssembly and data files next to its own module, pdfkit its font
 * metrics; pdfkit, exceljs and pg are large and wanted only by some commands. Each is a dependency of apps/cli.
 */
const EXTERNAL = ['@electric-sql/pglite', 'pg', 'pdfkit', 'exceljs'];

/** Files of earlier bundles are kept this long (those of the previous one always), for processes still running them that load a chunk. */
const KEEP_OLD_MS = 3600 * 1000;
/** An input modified this close to the start of the build may have changed after esbuild read it (coarse timestamps). */
const RACE_MARGIN_MS = 1000;
/** A build lock older than this is abandoned. */
const STALE_LOCK_MS = 120_000;

const LOCK = `${DIST}.build.lock`;

/** @typedef {import('./bundle.mjs').Manifest} Manifest */

/** A bundle that cannot be built (a source that does not compile, an external that is not apps/cli's): said to the user as it is. */
export class BuildError extends Error {
  /** @override */
  name = 'BuildError';
}

/**
 * Rebuilds the bundle unless another process has just done it; one process builds at a time, the
 * others wait for its manifest (and build themselves only if the builder vanished).
 * @returns {Promise<Manifest>}
 */
export async function rebuild() {
  mkdirSync(DIST, { recursive: true });
  for (;;) {
    const manifest = readManifest();
    if (manifest && isCurrent(manifest)) return manifest;
    const release = tryLock();
    if (release) {
      try {
        const again = readManifest();
        return again && isCurrent(again) ? again : await build();
      } finally {
        release();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** @returns {(() => void) | undefined} */
function tryLock() {
  try {
    const fd = openSync(LOCK, 'wx');
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return () => { try { unlinkSync(LOCK); } catch { /* already gone */ } };
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
  }
  try {
    const holder = Number.parseInt(readFileSync(LOCK, 'utf8'), 10);
    if (Date.now() - statSync(LOCK).mtimeMs > STALE_LOCK_MS || (!Number.isNaN(holder) && !processAlive(holder))) unlinkSync(LOCK);
  } catch { /* released meanwhile, or being written: look again */ }
  return undefined;
}

/** @param {number} pid */
function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

/** @returns {Promise<Manifest>} */
async function build() {
  const started = Date.now();
  /** @type {Map<string, string>} what esbuild compiled of each of our source files, by absolute path */
  const read = new Map();
  /** @type {esbuild.BuildResult<{ metafile: true, write: false }>} */
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      outdir: DIST,
      entryNames: 'perf-[hash]',
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      // Bundled CommonJS packages (yaml's Node build) require Node's built-in modules.
      banner: { js: "import { createRequire as __perfCreateRequire } from 'node:module';\nconst require = __perfCreateRequire(import.meta.url);" },
      // No source maps: they double the time of a rebuild (0.6 s more here), and the bundle names the
      // source file of every module in a comment above its code.
      sourcemap: false,
      metafile: true,
      write: false,
      logLevel: 'silent',
      plugins: [sameExternals(), sources(read)],
    });
  } catch (error) {
    const messages = /** @type {{ errors?: esbuild.Message[] }} */ (error).errors;
    if (!messages) throw error;
    const text = (await esbuild.formatMessages(messages, { kind: 'error', color: Boolean(process.stderr.isTTY) })).join('');
    throw new BuildError(`impossibile preparare la CLI da ${ENTRY} (esbuild):\n${text}`);
  } finally {
    // esbuild's service process is not needed by the command that runs next (a chat may last hours).
    await esbuild.stop();
  }
  const files = [];
  for (const output of result.outputFiles) {
    const name = relative(DIST, output.path);
    files.push(name);
    // Names are content hashes: an existing file already holds these bytes.
    if (!exists(output.path)) writeAtomically(output.path, output.contents);
  }
  const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === ENTRY)?.[0];
  if (!entry) throw new BuildError(`esbuild non ha prodotto l'ingresso di ${ENTRY}.`);
  // A file modified while esbuild ran may hold other bytes than the ones compiled: unless it still
  // holds exactly those, its stamp is left unmatchable, and the next run rebuilds.
  const inputs = inputFiles(result.metafile).map(stamp).map(([path, size, mtimeMs]) => {
    const unchanged = mtimeMs < started - RACE_MARGIN_MS || read.get(join(ROOT, path)) === readText(join(ROOT, path));
    return /** @type {import('./bundle.mjs').InputStamp} */ ([path, size, unchanged ? mtimeMs : -1]);
  });
  /** @type {Manifest} */
  const manifest = { format: FORMAT, entry: relative(DIST, join(ROOT, entry)), files, inputs };
  const previous = readManifest();
  writeAtomically(MANIFEST, JSON.stringify(manifest));
  removeOldFiles(new Set([...files, ...(previous?.files ?? [])]));
  return manifest;
}

/**
 * What the bundle depends on, relative to ROOT: every module esbuild read, the package.json and
 * tsconfig files that decide how our sources resolve and compile, this builder, and pnpm's record of
 * the installed packages (a changed dependency changes it).
 * @param {esbuild.Metafile} metafile
 */
function inputFiles(metafile) {
  const found = new Set(['apps/cli/bin/build.mjs', 'apps/cli/bin/bundle.mjs', 'node_modules/.pnpm/lock.yaml']);
  const visited = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    if (input.includes(':')) continue;
    found.add(input);
    if (input.split('/').includes('node_modules')) continue;
    for (let dir = dirname(input); !visited.has(dir); dir = dirname(dir)) {
      visited.add(dir);
      for (const name of ['package.json', 'tsconfig.json']) {
        const file = dir === '.' ? name : `${dir}/${name}`;
        if (!exists(join(ROOT, file))) continue;
        found.add(file);
        if (name === 'tsconfig.json') for (const base of tsconfigExtends(file)) found.add(base);
      }
      if (dir === '.') break;
    }
  }
  return [...found].sort();
}

/** @param {string} file relative to ROOT */
function tsconfigExtends(file) {
  const bases = [];
  for (let current = file, guard = 0; guard < 8; guard++) {
    const match = /"extends"\s*:\s*"([^"]+)"/.exec(readFileSync(join(ROOT, current), 'utf8'));
    if (!match?.[1]?.startsWith('.')) break;
    current = relative(ROOT, join(ROOT, dirname(current), match[1])).split(sep).join('/');
    if (!exists(join(ROOT, current))) break;
    bases.push(current);
  }
  return bases;
}

/** Keeps every external package external, after checking that the bundle will load the same copy the source imports. */
function sameExternals() {
  const filter = new RegExp(`^(${EXTERNAL.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})(/.*)?$`);
  return /** @type {esbuild.Plugin} */ ({
    name: 'same-externals',
    setup(build) {
      build.onResolve({ filter }, (args) => {
        const name = /** @type {string} */ (filter.exec(args.path)?.[1]);
        const fromSource = packageFolder(args.resolveDir, name);
        const fromBundle = packageFolder(DIST, name);
        if (fromSource !== fromBundle) {
          return { errors: [{ text: `${name}, importato da ${relative(ROOT, args.importer)}, non è la stessa copia che il bundle troverebbe da apps/cli (${fromSource ?? 'assente'} / ${fromBundle ?? 'assente'}): aggiungilo alle dependencies di apps/cli/package.json con "catalog:" ed esegui pnpm install.` }] };
        }
        return { path: args.path, external: true };
      });
    },
  });
}

/**
 * The real folder of package `name` as Node finds it from `from` (the nearest node_modules up the tree).
 * @param {string} from
 * @param {string} name
 */
function packageFolder(from, name) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (exists(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/** esbuild's loader for each extension of our source files. */
const LOADERS = /** @type {Record<string, esbuild.Loader>} */ ({ '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' });

/**
 * Loads our own source files (not node_modules), keeping in `read` the text compiled, and makes
 * `import.meta.url` in them name the source file, as when they run unbundled.
 * @param {Map<string, string>} read
 */
function sources(read) {
  return /** @type {esbuild.Plugin} */ ({
    name: 'sources',
    setup(build) {
      build.onLoad({ filter: /\.([cm]?[jt]s|json)$/ }, (args) => {
        const loader = LOADERS[extname(args.path)];
        if (!loader || args.path.split(sep).includes('node_modules')) return undefined;
        const source = readFileSync(args.path, 'utf8');
        read.set(args.path, source);
        const fromBundle = relative(DIST, args.path).split(sep).join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader };
      });
    },
  });
}

/** @param {string} path */
function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** @param {string} path @param {Uint8Array | string} contents */
function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Files of earlier bundles, and temporary files of interrupted builds, once they are an hour old. */
/** @param {Set<string>} keep */
function removeOldFiles(keep) {
  const now = Date.now();
  for (const name of readdirSync(DIST)) {
    if (keep.has(name) || name === 'manifest.json' || name === '.build.lock') continue;
    try {
      if (now - statSync(join(DIST, name)).mtimeMs > KEEP_OLD_MS) unlinkSync(join(DIST, name));
    } catch { /* removed by another process */ }
  }
}

/** @param {string} path */
function exists(path) {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
