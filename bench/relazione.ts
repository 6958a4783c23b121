import PDFDocument from 'pdfkit';
import { renderRelazione } from '@perf/pdf-renderer';
import { loadExample } from '../packages/pdf-renderer/test/fixtures.ts';
import { median, timeRepeated, type Bench } from './harness.ts';

type Call = { readonly method: string; readonly args: unknown[] };
type Doc = InstanceType<typeof PDFDocument> & { options: ConstructorParameters<typeof PDFDocument>[0] };

/** Methods that only measure or read state: the bare replay has no need to call them. */
const MEASURING = new Set(['widthOfString', 'heightOfString', 'bufferedPageRange', 'currentLineHeight', 'boundsOfString']);
const STREAM = new Set(['on', 'once', 'pipe', 'emit', 'read', 'write', 'constructor']);

/**
 * Records the top-level pdfkit calls our renderer makes (inner calls pdfkit makes to itself are not
 * recorded), so that bare pdfkit can draw exactly the same pages as a baseline.
 */
function recordCalls(): { calls: WeakMap<object, Call[]>; restore: () => void; documents: Doc[] } {
  const prototype = PDFDocument.prototype as unknown as Record<string, unknown>;
  const calls = new WeakMap<object, Call[]>();
  const documents: Doc[] = [];
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  let depth = 0;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const original = prototype[name];
    if (typeof original !== 'function' || STREAM.has(name) || name.startsWith('_') || name.startsWith('init')) continue;
    originals.set(name, original as (...args: unknown[]) => unknown);
    prototype[name] = function (this: Doc, ...args: unknown[]) {
      // `end` is called by the replay itself; what pdfkit does inside it is not the renderer's drawing.
      if (depth === 0 && name !== 'end' && !MEASURING.has(name)) {
        let list = calls.get(this);
        if (!list) { list = []; calls.set(this, list); documents.push(this); }
        list.push({ method: name, args });
      }
      depth++;
      try { return (original as (...a: unknown[]) => unknown).apply(this, args); } finally { depth--; }
    };
  }
  return { calls, documents, restore: () => { for (const [name, fn] of originals) prototype[name] = fn; } };
}

async function replay(options: Doc['options'], calls: readonly Call[]): Promise<number> {
  const doc = new PDFDocument(options) as unknown as Record<string, (...args: unknown[]) => unknown> & Doc;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const call of calls) {
    const result = doc[call.method]?.apply(doc, call.args);
    // The renderer fills the objects it creates with `ref()` itself; here they are only closed.
    if (call.method === 'ref') (result as { end(): void }).end();
  }
  doc.end();
  await done;
  return chunks.reduce((n, c) => n + c.length, 0);
}

export const relazioneBench: Bench = {
  name: 'relazione',
  description: "Relazione 2012 dell'esempio contro pdfkit puro che disegna le stesse pagine (le stesse chiamate, registrate)",
  async run(log) {
    const data = loadExample();
    const recorder = recordCalls();
    const first = await renderRelazione(data);
    recorder.restore();
    const doc = recorder.documents[0];
    const calls = doc ? recorder.calls.get(doc) ?? [] : [];
    if (!doc || calls.length === 0) throw new Error('nessuna chiamata pdfkit registrata');
    const ours = median(await timeRepeated(() => renderRelazione(data), 10));
    const bare = median(await timeRepeated(() => replay(doc.options, calls), 10));
    const bytes = await replay(doc.options, calls);
    log(`${first.pages} pagine, ${calls.length} chiamate pdfkit; perf ${ours.toFixed(0)} ms, pdfkit puro ${bare.toFixed(0)} ms (${(bytes / 1024).toFixed(0)} KiB contro ${(first.pdf.length / 1024).toFixed(0)} KiB)`);
    return [
      { bench: 'relazione', label: `esempio 2012, ${first.pages} pagine`, value: ours, unit: 'ms', baselineLabel: 'pdfkit puro, stesse chiamate', baseline: bare, goal: '< 1000 ms e ≤ 1,5×', met: ours < 1000 && ours <= 1.5 * bare },
    ];
  },
};
