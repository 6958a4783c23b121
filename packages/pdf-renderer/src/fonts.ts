import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Names the document registers its fonts under. */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

/** A font parsed by fontkit (what pdfkit's registerFont also accepts), or the file's bytes. */
type ParsedFont = { layout: (...args: never[]) => unknown; _tables?: Record<string, unknown> };
export type FontSource = Uint8Array | ParsedFont;

export interface Fonts {
  readonly regular: FontSource;
  readonly bold: FontSource;
}

let loading: Promise<Fonts> | undefined;

/**
 * fontkit's `create`, from the very module pdfkit imports (its ESM build, resolved from pdfkit's own
 * folder), so that fonts parsed here are shared by every document of the process.
 */
async function fontkitCreate(): Promise<((bytes: Uint8Array) => ParsedFont) | undefined> {
  try {
    const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    let root = dirname(fromPdfkit.resolve('fontkit'));
    while (!existsPackageJson(root) && dirname(root) !== root) root = dirname(root);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: { node?: { import?: string } }; main?: string };
    const entry = manifest.exports?.node?.import;
    if (!entry) return undefined;
    const fontkit = (await import(pathToFileURL(join(root, entry)).href)) as { create?: (bytes: Uint8Array) => ParsedFont };
    return typeof fontkit.create === 'function' ? fontkit.create : undefined;
  } catch {
    return undefined;
  }
}

function existsPackageJson(folder: string): boolean {
  try {
    readFileSync(join(folder, 'package.json'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Latin text needs no OpenType shaping: marking GSUB and GPOS as absent makes fontkit lay text out
 * from the character map and the advance widths (plus the `kern` table) instead of running every
 * lookup of DejaVu's large tables for every new word, which is most of the cost of a Relazione.
 * It also keeps ligatures such as "fi" out of the PDF, so that extracted text reads as written.
 */
function withoutShaping(font: ParsedFont): ParsedFont {
  if (font._tables) {
    font._tables.GSUB = null;
    font._tables.GPOS = null;
  }
  return font;
}

async function load(): Promise<Fonts> {
  const require = createRequire(import.meta.url);
  const regular = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
  const bold = readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'));
  const create = await fontkitCreate();
  return create ? { regular: withoutShaping(create(regular)), bold: withoutShaping(create(bold)) } : { regular, bold };
}

/**
 * DejaVu Sans and DejaVu Sans Bold from the `dejavu-fonts-ttf` package, loaded once per process and
 * embedded (subset) in every Relazione, so that accents and € extract correctly without system fonts.
 */
export function loadFonts(): Promise<Fonts> {
  loading ??= load();
  return loading;
}
