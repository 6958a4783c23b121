import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, createSign, type KeyObject } from 'node:crypto';

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly authorization: string | undefined;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/**
 * A local Bot Connector (records the activities the app sends, answers with ids), a local Entra
 * authority serving a signing key (`/<tenant>/discovery/v2.0/keys`), the SDK's sidecar token endpoint,
 * and a OneDrive upload URL.
 */
export class FakeConnector {
  readonly recorded: Recorded[] = [];
  readonly uploads: Buffer[] = [];
  private readonly privateKey: KeyObject;
  private readonly jwk: Record<string, unknown>;
  private next = 0;

  private constructor(private readonly server: Server, readonly url: string, keys: { privateKey: KeyObject; publicKey: KeyObject }) {
    this.privateKey = keys.privateKey;
    this.jwk = { ...keys.publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  }

  static async start(): Promise<FakeConnector> {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let fake: FakeConnector | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => fake?.answer(req.method ?? '', req.url ?? '', Buffer.concat(chunks), req.headers.authorization, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeConnector(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, keys);
    return fake;
  }

  private answer(method: string, path: string, raw: Buffer, authorization: string | undefined, res: import('node:http').ServerResponse): void {
    const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path.endsWith('/discovery/v2.0/keys')) return json(200, { keys: [this.jwk] });
    if (path.startsWith('/AuthorizationHeaderUnauthenticated/')) return json(200, { authorizationHeader: 'Bearer fake-outgoing-token' });
    if (path.startsWith('/upload/')) {
      this.uploads.push(raw);
      return json(201, { id: 'file-1' });
    }
    let body: Record<string, unknown> = {};
    try {
      body = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    } catch { /* recorded as empty */ }
    this.recorded.push({ method, path, body, authorization });
    json(200, { id: `sent-${++this.next}` });
  }

  /** Activities the app sent to a conversation (new messages and replies, not updates). */
  sent(conversationId?: string): Record<string, unknown>[] {
    return this.recorded.filter((r) => r.method === 'POST' && (conversationId === undefined || decodeURIComponent(r.path).startsWith(`/v3/conversations/${conversationId}/`))).map((r) => r.body);
  }

  /** The app's replies to one incoming activity (`POST …/activities/{replyToId}`). */
  repliesTo(activityId: string): Record<string, unknown>[] {
    return this.recorded.filter((r) => r.method === 'POST' && decodeURIComponent(r.path).endsWith(`/activities/${activityId}`)).map((r) => r.body);
  }

  updates(): Recorded[] {
    return this.recorded.filter((r) => r.method === 'PUT');
  }

  /** A Bot Framework-style token signed with the fake authority's key. */
  token(claims: Record<string, unknown>): string {
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test-key' }));
    const payload = base64url(JSON.stringify(claims));
    const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(this.privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
