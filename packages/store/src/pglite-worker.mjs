// Runs PGlite (PostgreSQL compiled to WASM) on a worker thread for a server process: the queries
// execute here, so the main thread stays free to answer HTTP requests while reports are stored.
// Plain JavaScript, so that it loads without a TypeScript loader in the worker.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, sharedBuffersMb } = workerData;
const startParams = sharedBuffersMb === undefined ? undefined : [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`];
const opening = PGlite.create({ ...(dataDir === undefined ? {} : { dataDir }), ...(startParams === undefined ? {} : { startParams }) });

/** Open transactions by id: PGlite's own transaction, held open until `commit` or `rollback` arrives. */
const transactions = new Map();
let nextTransaction = 1;

/** What survives the thread boundary of a database error: its message and PostgreSQL's fields. */
function describe(error) {
  const fields = {};
  for (const key of ['code', 'detail', 'hint', 'severity', 'constraint', 'table', 'column', 'schema', 'where']) {
    if (error?.[key] !== undefined) fields[key] = error[key];
  }
  return { name: error?.name ?? 'Error', message: error?.message ?? String(error), fields };
}

async function begin(db) {
  const id = nextTransaction++;
  let opened;
  const started = new Promise((resolve) => { opened = resolve; });
  const entry = {};
  entry.finished = db.transaction(async (tx) => {
    entry.tx = tx;
    const outcome = new Promise((resolve, reject) => { entry.commit = resolve; entry.rollback = reject; });
    opened();
    await outcome;
  });
  transactions.set(id, entry);
  // PGlite runs one transaction at a time: this waits until the previous one has ended.
  await Promise.race([started, entry.finished]);
  return id;
}

function openTransaction(id) {
  const entry = transactions.get(id);
  if (entry?.tx === undefined) throw new Error(`transazione ${id} non aperta`);
  return entry;
}

async function end(id, commit) {
  const entry = openTransaction(id);
  transactions.delete(id);
  if (commit) {
    entry.commit();
    await entry.finished;
  } else {
    entry.rollback(new Error('rollback'));
    await entry.finished.catch(() => {});
  }
}

async function handle(message) {
  const db = await opening;
  const target = message.tx === undefined ? db : openTransaction(message.tx).tx;
  switch (message.kind) {
    case 'open':
      return {};
    case 'query':
      return { rows: (await target.query(message.sql, message.params)).rows };
    case 'exec':
      await target.exec(message.sql);
      return {};
    case 'copy':
      await target.query(message.sql, [], { blob: new Blob([message.text]) });
      return {};
    case 'begin':
      return { tx: await begin(db) };
    case 'commit':
      await end(message.tx, true);
      return {};
    case 'rollback':
      await end(message.tx, false);
      return {};
    case 'close':
      await db.close();
      return {};
    default:
      throw new Error(`richiesta sconosciuta: ${message.kind}`);
  }
}

parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, ok: true, ...result }),
    (error) => parentPort.postMessage({ id: message.id, ok: false, error: describe(error) }),
  );
});
