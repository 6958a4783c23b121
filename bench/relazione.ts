import PDFDocument from 'pdfkit';
import { renderCitizenSummary, renderRelazione } from '@perf/pdf-renderer';
import { loadExample } from '../packages/pdf-renderer/test/fixtures.ts';
import { median, timeRepeated, type Bench } from './harness.ts';

/** A recorded call: on the document, or on a structure element it returned (`target`), and what it returned. */
type Call = { readonly method: string; readonly args: unknown[]; readonly target: object; result?: unknown };
type Doc = InstanceType<typeof PDFDocument> & { options: ConstructorParameters<typeof PDFDocument>[0] };

/** Methods that only measure or read state: the bare replay has no need to call them. */
const MEASURING = new Set(['widthOfString', 'heightOfString', 'bufferedPageRange', 'currentLineHeight', 'boundsOfString']);
const STREAM = new Set(['on', 'once', 'pipe', 'emit', 'read', 'write', 'constructor']);

/**
 * Records the top-level pdfkit calls our renderer makes (inner calls pdfkit makes to itself are not
 * recorded), so that bare pdfkit can draw exactly the same pages as a baseline.
 */
function recordCalls(): { calls: WeakMap<object, Call[]>; restore: () => void; documents: Doc[] } {
  const calls = new WeakMap<object, Call[]>();
  const documents: Doc[] = [];
  const owner = new WeakMap<object, Doc>();
  const originals: { prototype: Record<string, unknown>; name: string; fn: unknown }[] = [];
  let depth = 0;
  const wrap = (prototype: Record<string, unknown>, docOf: (target: object) => Doc | undefined): void => {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const original = prototype[name];
      if (typeof original !== 'function' || STREAM.has(name) || name.startsWith('_') || name.startsWith('init')) continue;
      originals.push({ prototype, name, fn: original });
      prototype[name] = function (this: object, ...args: unknown[]) {
        const doc = docOf(this);
        // `end` of the document is called by the replay itself; what pdfkit does inside it is not the renderer's drawing.
        const call: Call | undefined = depth === 0 && doc && !(name === 'end' && this === doc) && !MEASURING.has(name) ? { method: name, args, target: this } : undefined;
        if (call && doc) {
          let list = calls.get(doc);
          if (!list) { list = []; calls.set(doc, list); documents.push(doc); }
          list.push(call);
        }
        depth++;
        try {
          const result = (original as (...a: unknown[]) => unknown).apply(this, args);
          if (call) call.result = result;
          if (doc && result && typeof result === 'object' && result !== doc) owner.set(result, doc);
          return result;
        } finally { depth--; }
      };
    }
  };
  // Structure elements (the tagged PDF's tree) are built by calls on the elements themselves.
  const elementPrototype = Object.getPrototypeOf(new PDFDocument({ tagged: true }).struct('P')) as Record<string, unknown>;
  wrap(PDFDocument.prototype as unknown as Record<string, unknown>, (target) => target as Doc);
  wrap(elementPrototype, (target) => owner.get(target));
  return { calls, documents, restore: () => { for (const { prototype, name, fn } of originals) prototype[name] = fn; } };
}

async function replay(source: Doc, calls: readonly Call[]): Promise<number> {
  const options = source.options;
  const doc = new PDFDocument(options) as unknown as Record<string, (...args: unknown[]) => unknown> & Doc;
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  // The objects the renderer got back (structure elements, marked contents) stand for the replay's own.
  const mine = new Map<unknown, unknown>([[source, doc]]);
  const map = (value: unknown): unknown => (mine.has(value) ? mine.get(value) : Array.isArray(value) ? value.map(map) : value);
  for (const call of calls) {
    const target = mine.get(call.target) as Record<string, (...args: unknown[]) => unknown> | undefined;
    const result = target?.[call.method]?.apply(target, call.args.map(map));
    if (call.result && typeof call.result === 'object' && call.result !== call.target) mine.set(call.result, result);
    // The renderer fills the objects it creates with `ref()` itself; here they are only closed.
    if (call.method === 'ref') (result as { end(): void }).end();
  }
  doc.end();
  await done;
  return chunks.reduce((n, c) => n + c.length, 0);
}

/** Our render of one document against bare pdfkit replaying the same recorded calls: medians of 10 runs. */
async function againstBarePdfkit(render: () => Promise<{ pdf: Uint8Array; pages: number }>): Promise<{ pages: number; ours: number; bare: number; calls: number; bytes: number; ourBytes: number }> {
  const recorder = recordCalls();
  const first = await render();
  recorder.restore();
  const doc = recorder.documents[0];
  const calls = doc ? recorder.calls.get(doc) ?? [] : [];
  if (!doc || calls.length === 0) throw new Error('nessuna chiamata pdfkit registrata');
  const ours = median(await timeRepeated(render, 10));
  const bare = median(await timeRepeated(() => replay(doc, calls), 10));
  return { pages: first.pages, ours, bare, calls: calls.length, bytes: await replay(doc, calls), ourBytes: first.pdf.length };
}

export const relazioneBench: Bench = {
  name: 'relazione',
  description: "Relazione 2012 dell'esempio e la sua sintesi per i cittadini, contro pdfkit puro che disegna le stesse pagine (le stesse chiamate, registrate)",
  async run(log) {
    const data = loadExample();
    const full = await againstBarePdfkit(() => renderRelazione(data));
    const summary = await againstBarePdfkit(() => renderCitizenSummary(data));
    for (const [name, m] of [['Relazione', full], ['sintesi', summary]] as const) {
      log(`${name}: ${m.pages} pagine, ${m.calls} chiamate pdfkit; perf ${m.ours.toFixed(0)} ms, pdfkit puro ${m.bare.toFixed(0)} ms (${(m.bytes / 1024).toFixed(0)} KiB contro ${(m.ourBytes / 1024).toFixed(0)} KiB)`);
    }
    return [
      { bench: 'relazione', label: `esempio 2012, ${full.pages} pagine`, value: full.ours, unit: 'ms', baselineLabel: 'pdfkit puro, stesse chiamate', baseline: full.bare, goal: '< 1000 ms e ≤ 1,5×', met: full.ours < 1000 && full.ours <= 1.5 * full.bare },
      { bench: 'relazione', label: `sintesi 2012, ${summary.pages} pagine`, value: summary.ours, unit: 'ms', baselineLabel: 'pdfkit puro, stesse chiamate', baseline: summary.bare, goal: '< 300 ms', met: summary.ours < 300 },
    ];
  },
};
