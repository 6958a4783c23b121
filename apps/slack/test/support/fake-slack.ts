import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the app made to Slack: a Web API method, an upload, or a response_url post. */
export interface SlackCall {
  /** `chat.postMessage`, …, `upload` (the upload URL) or `response_url`. */
  readonly method: string;
  /** The path called, e.g. `/response/7` (which response_url was answered). */
  readonly path: string;
  readonly body: Record<string, unknown>;
  /** Bytes of an upload (the file's content). */
  readonly bytes: Buffer | undefined;
  readonly authorization: string | undefined;
  /** When the call arrived (`performance.now()` of this process), for latency measurements. */
  readonly receivedAt: number;
  /** What the fake answered. */
  response?: unknown;
}

export const BOT_USER_ID = 'U0BOTPERF';
export const BOT_ID = 'B0BOTPERF';

function maybeJson(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Parses what the WebClient and Bolt send: url-encoded forms (JSON-valued fields), JSON, multipart. */
async function parseBody(raw: Buffer, contentType: string): Promise<{ body: Record<string, unknown>; bytes: Buffer | undefined }> {
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries([...new URLSearchParams(raw.toString('utf8'))].map(([k, v]) => [k, maybeJson(v)])), bytes: undefined };
  }
  if (contentType.includes('application/json')) return { body: JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>, bytes: undefined };
  if (contentType.includes('multipart/form-data')) {
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
    const body: Record<string, unknown> = {};
    let bytes: Buffer | undefined;
    for (const [key, value] of form) {
      if (typeof value === 'string') body[key] = maybeJson(value);
      else {
        bytes = Buffer.from(await value.arrayBuffer());
        body[key] = { filename: value.name, size: value.size };
      }
    }
    return { body, bytes };
  }
  return { body: {}, bytes: raw };
}

/**
 * A local stand-in for Slack's Web API on 127.0.0.1: it records every call and answers
 * `{ ok: true, … }` like Slack does, including the files upload v2 URL and response_url posts.
 */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  /** What `apps.connections.open` hands out: the ws:// URL of a fake Socket Mode server. */
  socketModeUrl: string | undefined;
  private sequence = 0;
  private readonly waiting = new Map<string, (call: SlackCall) => void>();

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((request, response) => {
      void fake?.handle(request).then((answer) => {
        response.writeHead(200, { 'content-type': typeof answer === 'string' ? 'text/plain' : 'application/json' });
        response.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
      }, (error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSlack(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for a slash command or a button, served by this fake. */
  responseUrl(): string {
    return `${this.url}/response/${++this.sequence}`;
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first post to a response_url (already made, or the next one). */
  firstPostTo(responseUrl: string): Promise<SlackCall> {
    const made = this.postsTo(responseUrl)[0];
    if (made) return Promise.resolve(made);
    return new Promise((resolve) => this.waiting.set(new URL(responseUrl).pathname, resolve));
  }

  /** What the app posted to one response_url, in order. */
  postsTo(responseUrl: string): SlackCall[] {
    const path = new URL(responseUrl).pathname;
    return this.calls.filter((c) => c.method === 'response_url' && c.path === path);
  }

  /** Waits for a call matching `predicate` (polling; bounded). */
  async waitFor(method: string, predicate: (call: SlackCall) => boolean = () => true, timeoutMs = 15_000): Promise<SlackCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.find((c) => c.method === method && predicate(c));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`Nessuna chiamata ${method} entro ${timeoutMs} ms; chiamate: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  clear(): void {
    this.calls.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    return `1348600000.${String(++this.sequence).padStart(6, '0')}`;
  }

  private async handle(request: IncomingMessage): Promise<unknown> {
    const receivedAt = performance.now();
    const path = new URL(request.url ?? '/', this.url).pathname;
    const { body, bytes } = await parseBody(await readBody(request), request.headers['content-type'] ?? '');
    const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path.startsWith('/upload/') ? 'upload' : path.startsWith('/response/') ? 'response_url' : path;
    const call: SlackCall = { method, path, body, bytes, authorization: request.headers.authorization, receivedAt };
    call.response = this.answer(method, body, bytes);
    this.calls.push(call);
    if (method === 'response_url') {
      this.waiting.get(path)?.(call);
      this.waiting.delete(path);
    }
    return call.response;
  }

  private answer(method: string, body: Record<string, unknown>, bytes: Buffer | undefined): unknown {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://perf-test.slack.com/', team: 'perf test', team_id: 'T0PERF', user: 'perf', user_id: BOT_USER_ID, bot_id: BOT_ID };
      case 'apps.connections.open':
        return this.socketModeUrl === undefined ? { ok: false, error: 'not_allowed_token_type' } : { ok: true, url: this.socketModeUrl };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: this.nextTs(), message: { text: body.text, bot_id: BOT_ID } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.publish':
        return { ok: true, view: { id: `V${++this.sequence}`, ...(body.view as object | undefined) } };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users ?? '').replace(/^U/, '')}` } };
      case 'files.getUploadURLExternal': {
        const id = `F${++this.sequence}`;
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: body.files };
      case 'upload':
        return `OK - ${bytes?.length ?? 0}`;
      case 'response_url':
        return { ok: true };
      default:
        return { ok: true };
    }
  }
}
