import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { clockFromEnv, COMMANDS, type RawParams, type Reply, type WebSecrets } from '@perf/core';
import { isErrorCode, isPerfError, PerfError } from '@perf/model';
import { isPostgresUrl, type Store } from '@perf/store';
import { z } from 'zod';

/**
 * PGlite lets one process hold the embedded database. While `pnpm serve` holds it, a CLI command is sent
 * to the server over a Unix socket beside the database (`<db>/perf.sock`, mode 0600: only the owner of the
 * database may connect) and run there through the core's command table with the same person and rights.
 * Frames are a 4-byte length and a V8-serialised value (Buffers, Dates and PDFs pass unchanged).
 */
export const SOCKET_NAME = 'perf.sock';

const requestSchema = z.object({
  command: z.string().min(1),
  raw: z.record(z.string(), z.unknown()),
  personId: z.string().optional(),
  operatorName: z.string().min(1),
  ente: z.string().optional(),
  year: z.number().int().optional(),
  /** The CLI's PERF_NOW, so a forwarded command runs at the time the CLI would have used. */
  now: z.string().optional(),
});
export type ForwardedCommand = z.infer<typeof requestSchema>;

type Frame =
  | { readonly progress: string }
  | { readonly reply: Reply }
  | { readonly error: { readonly code: string; readonly message: string; readonly details: readonly string[]; readonly hint?: string | undefined; readonly field?: string | undefined } };

export function socketPath(location: string): string {
  return join(resolve(location), SOCKET_NAME);
}

function writeFrame(socket: Socket, value: unknown): void {
  const body = serialize(value);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  socket.write(Buffer.concat([head, body]));
}

/** Calls `onFrame` with each whole frame that arrives on the socket. */
function readFrames(socket: Socket, onFrame: (value: unknown) => void): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readUInt32BE(0)) {
      const length = pending.readUInt32BE(0);
      const body = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      onFrame(deserialize(body));
    }
  });
}

async function runForwarded(store: Store, value: unknown, send: (frame: Frame) => void, web: WebSecrets | undefined): Promise<void> {
  const parsed = requestSchema.safeParse(value);
  const command = parsed.success ? COMMANDS.find((c) => c.name === parsed.data.command) : undefined;
  if (!parsed.success || command === undefined) {
    throw new PerfError('FORWARD_INVALID', 'Richiesta non valida dalla riga di comando: il comando non è stato eseguito.', { hint: 'Usa la stessa versione di perf per pnpm perf e pnpm serve.' });
  }
  const request = parsed.data;
  const clock = request.now === undefined ? () => new Date() : clockFromEnv({ PERF_NOW: request.now });
  const reply = await command.run(request.raw as RawParams, {
    store, channel: 'cli', clock, ente: request.ente, year: request.year,
    identity: { kind: 'operator', personId: request.personId, operatorName: request.operatorName },
    progress: (step) => send({ progress: step }),
    web,
  });
  send({ reply });
}

export interface CommandListener {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * The server side: listens on `<db>/perf.sock` and runs each command it receives on `store`; `web` signs
 * the dashboard links it prints (`perf web link`, `perf dashboard`) with the running dashboard's secret.
 */
export async function listenForCommands(store: Store, location: string, log: (line: string) => void, web?: WebSecrets): Promise<CommandListener> {
  const path = socketPath(location);
  // The server holds the database's lock, so a socket file left here is a crashed server's.
  if (existsSync(path)) unlinkSync(path);
  const server = createServer((socket) => {
    let done = false;
    readFrames(socket, (value) => {
      if (done) return;
      done = true;
      const send = (frame: Frame) => { if (!socket.destroyed) writeFrame(socket, frame); };
      runForwarded(store, value, send, web).catch((error: unknown) => {
        if (!isPerfError(error)) log(`perf serve: comando della CLI non riuscito: ${(error as Error).stack ?? String(error)}`);
        const perf = isPerfError(error) ? error : new PerfError('INTERNAL', 'Errore interno del server: il comando non è stato completato.', { hint: 'Il registro di pnpm serve riporta il dettaglio.' });
        send({ error: { code: perf.code, message: perf.message, details: perf.details, hint: perf.hint, field: perf.field } });
      }).finally(() => socket.end());
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolveListen());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () => new Promise<void>((resolveClose) => {
      server.close(() => resolveClose());
      try { unlinkSync(path); } catch { /* already gone */ }
    }),
  };
}

/**
 * The CLI side: when a server listens beside the embedded database at `location`, runs the command there
 * and resolves with its reply; resolves undefined when none does (the CLI then opens the database itself).
 */
export async function forwardCommand(location: string, request: ForwardedCommand, progress: (step: string) => void): Promise<Reply | undefined> {
  if (isPostgresUrl(location) || location === 'memory:') return undefined;
  const path = socketPath(location);
  if (!existsSync(path)) return undefined;
  return new Promise<Reply | undefined>((resolveReply, reject) => {
    let connected = false;
    let settled = false;
    const socket = connect(path, () => {
      connected = true;
      writeFrame(socket, request);
    });
    readFrames(socket, (value) => {
      const frame = value as Frame;
      if ('progress' in frame) return progress(frame.progress);
      settled = true;
      if ('reply' in frame) resolveReply(frame.reply);
      else reject(new PerfError(isErrorCode(frame.error.code) ? frame.error.code : 'INTERNAL', frame.error.message, { details: frame.error.details, ...(frame.error.hint === undefined ? {} : { hint: frame.error.hint }), ...(frame.error.field === undefined ? {} : { field: frame.error.field }) }));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      // No server behind the socket file (a crashed server's): the CLI opens the database as usual.
      if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ENOENT')) resolveReply(undefined);
      else reject(new PerfError('SERVER_UNREACHABLE', `Il server che tiene il database non ha risposto (${path}): ${error.message}`, { hint: 'Controlla che pnpm serve sia ancora in esecuzione, poi riprova.' }));
    });
    socket.on('close', () => {
      if (settled) return;
      settled = true;
      reject(new PerfError('SERVER_UNREACHABLE', `Il server che tiene il database ha chiuso la connessione prima di rispondere (${path}).`, { hint: 'Il registro di pnpm serve riporta il motivo; riprova.' }));
    });
  });
}
