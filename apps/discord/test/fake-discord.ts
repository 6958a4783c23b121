import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A local stand-in for Discord on loopback: a REST API (node:http) that records every call, and
 * a gateway (ws) that performs HELLO / IDENTIFY / READY and dispatches events. The real
 * discord.js client talks to it through `rest: { api }` and `GET /gateway/bot`.
 */

export interface UploadedFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

export interface RecordedCall {
  readonly method: string;
  /** Path without the query, e.g. `/api/v10/interactions/1/tok/callback`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  /** The JSON body, or the multipart `payload_json`. */
  readonly body: any;
  readonly files: readonly UploadedFile[];
  readonly status: number;
  /** What the fake answered (e.g. the created message, with its id). */
  readonly response: any;
}

export interface FakeUser {
  readonly id: string;
  readonly username: string;
}

const API_PREFIX = '/api/v10';
let snowflake = 900000000000000000n;
export function nextSnowflake(): string {
  snowflake += 1n;
  return String(snowflake);
}

function userObject(user: FakeUser, bot = false): Record<string, unknown> {
  return { id: user.id, username: user.username, discriminator: '0', global_name: user.username, avatar: null, bot, flags: 0 };
}

export class FakeDiscord {
  readonly calls: RecordedCall[] = [];
  readonly identifies: unknown[] = [];
  /** Answers the REST fake gives with a status other than 2xx, by `METHOD path-prefix`. */
  readonly failures = new Map<string, number>();
  /** Like `failures`, but each answers only the next matching call. */
  readonly failOnce = new Map<string, number>();
  private readonly sockets = new Set<WebSocket>();
  private readonly waiters: { predicate: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void }[] = [];
  private sequence = 0;

  private constructor(
    private readonly http: Server,
    private readonly gateway: WebSocketServer,
    readonly applicationId: string,
    readonly guildId: string,
  ) {}

  static async start(applicationId: string, guildId: string): Promise<FakeDiscord> {
    const gateway = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => gateway.once('listening', () => resolve()));
    let fake: FakeDiscord | undefined;
    const http = createServer((request, response) => {
      void fake?.handle(request, response);
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
    fake = new FakeDiscord(http, gateway, applicationId, guildId);
    gateway.on('connection', (socket) => fake?.accept(socket));
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${(this.gateway.address() as AddressInfo).port}`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Calls recorded so far that match. */
  find(predicate: (call: RecordedCall) => boolean): RecordedCall[] {
    return this.calls.filter(predicate);
  }

  /** How many calls were recorded so far: pass it as `since` to wait only for later calls. */
  mark(): number {
    return this.calls.length;
  }

  /** The first recorded call (from index `since`) that matches, waiting for it up to `timeoutMs`. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 10_000, since = 0): Promise<RecordedCall> {
    const existing = this.calls.slice(since).find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching call within ${timeoutMs} ms; calls: ${this.calls.map((c) => `${c.method} ${c.path}`).join(', ')}`));
      }, timeoutMs);
      const waiter = { predicate, resolve: (call: RecordedCall) => { clearTimeout(timer); resolve(call); } };
      this.waiters.push(waiter);
    });
  }

  /** Sends a gateway dispatch (op 0) to every connected client. */
  dispatch(event: string, data: unknown): void {
    for (const socket of this.sockets) socket.send(JSON.stringify({ op: 0, t: event, s: ++this.sequence, d: data }));
  }

  /** Dispatches INTERACTION_CREATE for `/perf <subcommand>` typed by `user` in the guild. */
  command(user: FakeUser, subcommand: string, options: Record<string, string | number> = {}, extra: { type?: number; focused?: string; id?: string } = {}): { id: string; token: string } {
    const id = extra.id ?? nextSnowflake();
    const token = `token-${id}`;
    const optionType = (value: string | number) => (typeof value === 'number' ? 4 : 3);
    const channelId = '300000000000000001';
    this.dispatch('INTERACTION_CREATE', {
      id, token, application_id: this.applicationId, type: extra.type ?? 2, version: 1,
      data: {
        id: '400000000000000001', name: 'perf', type: 1,
        options: [{
          type: 1, name: subcommand,
          options: Object.entries(options).map(([name, value]) => ({
            name, value, type: name === 'indicator' || name === 'year' ? 4 : optionType(value), ...(extra.focused === name ? { focused: true } : {}),
          })),
        }],
      },
      guild_id: this.guildId,
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: this.guildId, name: 'performance', position: 0, permission_overwrites: [], nsfw: false, parent_id: null },
      member: { user: userObject(user), roles: [], joined_at: '2012-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, permissions: '2248473465835073', pending: false },
      app_permissions: '2248473465835073',
      locale: 'it', guild_locale: 'it',
      entitlements: [],
      authorizing_integration_owners: { '0': this.guildId },
      context: 0,
      attachment_size_limit: 10485760,
    });
    return { id, token };
  }

  /** Dispatches MESSAGE_CREATE for a direct message from `user` to the bot. */
  directMessage(user: FakeUser, channelId: string, content: string): string {
    const id = nextSnowflake();
    this.dispatch('MESSAGE_CREATE', {
      id, channel_id: channelId, channel_type: 1, author: userObject(user), content, timestamp: new Date().toISOString(), edited_timestamp: null,
      tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [],
    });
    return id;
  }

  /** Makes the guild, with one text channel, known to the bot (GUILD_CREATE): discord.js drops messages of unknown guilds. */
  guildWithChannel(channelId: string): void {
    this.dispatch('GUILD_CREATE', {
      id: this.guildId, name: 'CCIAA', icon: null, owner_id: '100000000000000001', afk_channel_id: null, afk_timeout: 300, verification_level: 0,
      default_message_notifications: 0, explicit_content_filter: 0, roles: [], emojis: [], stickers: [], features: [], mfa_level: 0, system_channel_flags: 0,
      preferred_locale: 'it', premium_tier: 0, nsfw_level: 0, joined_at: '2012-01-01T00:00:00.000Z', large: false, unavailable: false, member_count: 1,
      members: [], voice_states: [], presences: [], threads: [], stage_instances: [], guild_scheduled_events: [],
      channels: [{ id: channelId, type: 0, guild_id: this.guildId, name: 'performance', position: 0, permission_overwrites: [], nsfw: false, parent_id: null }],
    });
  }

  /** Dispatches MESSAGE_CREATE for a message `user` writes in a text channel of the guild. */
  guildMessage(user: FakeUser, channelId: string, content: string): string {
    const id = nextSnowflake();
    this.dispatch('MESSAGE_CREATE', {
      id, channel_id: channelId, guild_id: this.guildId, author: userObject(user), content, timestamp: new Date().toISOString(), edited_timestamp: null,
      member: { roles: [], joined_at: '2012-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0, pending: false },
      tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [],
    });
    return id;
  }

  /** Dispatches a button press (component interaction) on a message the bot sent in a DM. */
  pressButton(user: FakeUser, message: { id: string; channel_id: string; body: any }, customId: string): { id: string; token: string } {
    const id = nextSnowflake();
    const token = `token-${id}`;
    this.dispatch('INTERACTION_CREATE', {
      id, token, application_id: this.applicationId, type: 3, version: 1,
      data: { custom_id: customId, component_type: 2 },
      channel_id: message.channel_id,
      channel: { id: message.channel_id, type: 1, recipients: [userObject(user)], last_message_id: message.id, flags: 0 },
      user: userObject(user),
      message: this.messageObject(message.id, message.channel_id, message.body),
      app_permissions: '2248473465835073', locale: 'it', entitlements: [],
      authorizing_integration_owners: { '1': user.id }, context: 1, attachment_size_limit: 10485760,
    });
    return { id, token };
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.gateway.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: unknown };
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        this.identifies.push(packet.d);
        socket.send(JSON.stringify({
          op: 0, t: 'READY', s: ++this.sequence,
          d: {
            v: 10, user: userObject({ id: this.applicationId, username: 'perf' }, true), guilds: [],
            session_id: 'fake-session', resume_gateway_url: this.gatewayUrl, shard: [0, 1], application: { id: this.applicationId, flags: 0 },
          },
        }));
      }
    });
  }

  private messageObject(id: string, channelId: string, body: any): Record<string, unknown> {
    return {
      id, channel_id: channelId, author: userObject({ id: this.applicationId, username: 'perf' }, true),
      content: body?.content ?? '', embeds: body?.embeds ?? [], components: body?.components ?? [], attachments: [],
      timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [],
      pinned: false, type: 0, flags: body?.flags ?? 0, webhook_id: undefined,
    };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = request.headers['content-type'] ?? '';
    let body: any;
    const files: UploadedFile[] = [];
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') body = JSON.parse(value);
        } else {
          files.push({ field, filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
        }
      }
    } else if (raw.length > 0) {
      body = JSON.parse(raw.toString('utf8'));
    }
    const method = request.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const [status, answer] = this.route(method, path, body);
    const call: RecordedCall = { method, path, query: url.searchParams, authorization: request.headers.authorization, body, files, status, response: answer };
    this.calls.push(call);
    if (answer === undefined) {
      response.writeHead(status).end();
    } else {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.predicate(call)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  }

  private route(method: string, fullPath: string, body: any): [number, unknown] {
    for (const [key, status] of this.failOnce) {
      if (`${method} ${fullPath}`.startsWith(key)) {
        this.failOnce.delete(key);
        return [status, { message: 'Fake failure', code: 50035 }];
      }
    }
    for (const [key, status] of this.failures) {
      if (`${method} ${fullPath}`.startsWith(key)) return [status, { message: 'Fake failure', code: 50035 }];
    }
    if (!fullPath.startsWith(API_PREFIX)) return [404, { message: '404: Not Found', code: 0 }];
    const path = fullPath.slice(API_PREFIX.length);
    const parts = path.split('/').filter((p) => p !== '');
    if (method === 'GET' && path === '/gateway/bot') {
      return [200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }];
    }
    if (method === 'PUT' && parts[0] === 'applications' && parts[parts.length - 1] === 'commands') {
      return [200, (body as { name: string }[]).map((command) => ({ ...command, id: '400000000000000001', application_id: this.applicationId, version: '1' }))];
    }
    if (method === 'POST' && parts[0] === 'interactions' && parts[3] === 'callback') return [204, undefined];
    if (parts[0] === 'webhooks') {
      if (method === 'DELETE') return [204, undefined];
      return [200, this.messageObject(nextSnowflake(), '300000000000000001', body)];
    }
    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = (body as { recipient_id: string }).recipient_id;
      return [200, { id: `5${recipient.slice(1)}`, type: 1, last_message_id: null, flags: 0, recipients: [userObject({ id: recipient, username: `user-${recipient.slice(-2)}` })] }];
    }
    if (method === 'POST' && parts[0] === 'channels' && parts[2] === 'messages') return [200, this.messageObject(nextSnowflake(), parts[1] ?? '', body)];
    return [404, { message: '404: Not Found', code: 10000 }];
  }
}
