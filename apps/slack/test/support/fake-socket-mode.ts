import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** One acknowledgement the app sent back over the socket: `{ envelope_id, payload? }`. */
export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: unknown;
}

/**
 * A local stand-in for Slack's Socket Mode endpoint: the app connects to the URL that the fake
 * Web API's `apps.connections.open` hands out; the fake says hello, delivers envelopes as Slack does,
 * collects the acknowledgements, and can ask the app to reconnect with a `disconnect` message.
 */
export class FakeSocketMode {
  /** Every connection the app opened, in order (a reconnection adds one). */
  readonly connections: WebSocket[] = [];
  private readonly acks = new Map<string, (ack: SocketAck) => void>();
  private readonly connected: ((socket: WebSocket) => void)[] = [];

  private constructor(private readonly server: WebSocketServer, readonly url: string) {
    server.on('connection', (socket) => {
      this.connections.push(socket);
      socket.on('message', (data) => {
        const ack = JSON.parse(String(data)) as SocketAck;
        this.acks.get(ack.envelope_id)?.(ack);
        this.acks.delete(ack.envelope_id);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: this.connections.length, connection_info: { app_id: 'A0PERF' } }));
      for (const resolve of this.connected.splice(0)) resolve(socket);
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeSocketMode(server, `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`);
  }

  /** The socket of the current connection, waiting for the app to open one when it has none open. */
  async open(): Promise<WebSocket> {
    const live = this.connections.at(-1);
    if (live && live.readyState === live.OPEN) return live;
    return new Promise((resolve) => this.connected.push(resolve));
  }

  /** Sends one envelope as Slack does; resolves with the app's acknowledgement. */
  async deliver(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown, options: { envelopeId?: string; retryAttempt?: number } = {}): Promise<SocketAck> {
    const envelopeId = options.envelopeId ?? randomUUID();
    const socket = await this.open();
    const acknowledged = new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nessun ack per ${type} ${envelopeId} entro 10 s`)), 10_000);
      this.acks.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
    });
    socket.send(JSON.stringify({
      envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api' ? { retry_attempt: options.retryAttempt ?? 0, retry_reason: options.retryAttempt ? 'timeout' : '' } : {}),
    }));
    return acknowledged;
  }

  /** Slack recycling the connection: the app must open a new one (a new apps.connections.open). */
  async askToReconnect(): Promise<void> {
    const socket = await this.open();
    socket.send(JSON.stringify({ type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } }));
  }

  /** The connection lost without a word (no close frame, no `disconnect` message): the app must notice and reconnect. */
  async drop(): Promise<void> {
    (await this.open()).terminate();
  }

  async close(): Promise<void> {
    for (const socket of this.connections) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
