import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { PerfError, type Plan } from '@perf/model';
import type { Store, WebSession } from '@perf/store';
import { resolveActor, resolvePlan, type Actor, type CommandContext } from './context.ts';

/** A sign-in link is valid for 15 minutes and once; the session it opens lasts 8 hours. */
export const SIGN_IN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 8 * 60 * 60_000;
/** The dashboard's path that receives sign-in links. */
export const SIGN_IN_PATH = '/accesso';

export const WEB_LINK_FORM = 'pnpm perf web link --as <id persona>';

export interface WebSecrets {
  /** PERF_WEB_SECRET: signs the links (HMAC-SHA256). */
  readonly secret: string;
  /** PERF_WEB_URL: the dashboard's public base URL. */
  readonly baseUrl: string;
}

export interface SignInLink {
  readonly url: string;
  readonly person: Actor;
  readonly ente: string;
  readonly expiresAt: Date;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');
const sign = (secret: string, payload: string): string => createHmac('sha256', secret).update(payload).digest('base64url');

/** Tokens and session ids are stored as this hash only: a copy of the database opens no session. */
export function secretHash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * A one-time sign-in link for a person of the plan (the actor of the context): HMAC-signed, valid for
 * 15 minutes, usable once. Only its hash is stored, with an audit row.
 */
export async function createSignInLink(context: CommandContext, secrets: WebSecrets): Promise<SignInLink> {
  const plan = await resolvePlan(context);
  return issueSignInLink(context, plan, resolveActor(plan, context.identity), secrets);
}

/** The link for an actor already found in the plan (the `dashboard` command has checked them). */
export async function issueSignInLink(context: CommandContext, plan: Plan, actor: Actor, secrets: WebSecrets): Promise<SignInLink> {
  if (actor.person === undefined) {
    throw new PerfError('PERSON_REQUIRED', 'Il link di accesso al cruscotto è personale: indica la persona a cui è destinato.', { hint: `Forma corretta: ${WEB_LINK_FORM}` });
  }
  const issuedAt = context.clock();
  const expiresAt = new Date(issuedAt.getTime() + SIGN_IN_TTL_MS);
  const payload = [base64url(actor.id), base64url(plan.ente.code), String(expiresAt.getTime()), randomBytes(18).toString('base64url')].join('.');
  const token = `${payload}.${sign(secrets.secret, payload)}`;
  await context.store.webAuth.issueToken({
    tokenHash: secretHash(token), personId: actor.id, ente: plan.ente.code, issuedAt, expiresAt, issuedBy: actor.id, channel: context.channel,
  });
  const url = `${secrets.baseUrl.replace(/\/+$/, '')}${SIGN_IN_PATH}?t=${encodeURIComponent(token)}`;
  return { url, person: actor, ente: plan.ente.code, expiresAt };
}

const INVALID_LINK = () => new PerfError('SIGN_IN_INVALID', 'Il link di accesso non è valido, è scaduto o è già stato usato.', {
  hint: `Chiedi un nuovo link (valido 15 minuti, una sola volta): /perf dashboard in chat, oppure ${WEB_LINK_FORM}.`,
});

/** Checks a token's signature and expiry without touching the store. */
function verifyToken(secret: string, token: string, now: Date): boolean {
  const parts = token.split('.');
  if (parts.length !== 5) return false;
  const signature = Buffer.from(parts[4] ?? '');
  const expected = Buffer.from(sign(secret, parts.slice(0, 4).join('.')));
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return false;
  return Number(parts[2]) > now.getTime();
}

/** Consumes a sign-in token (once) and opens an 8-hour session; returns the session id for the cookie. */
export async function signInWithToken(store: Store, secret: string, token: string, now: Date): Promise<{ sessionId: string; session: WebSession }> {
  if (!verifyToken(secret, token, now)) throw INVALID_LINK();
  const owner = await store.webAuth.consumeToken(secretHash(token), now);
  if (owner === undefined) throw INVALID_LINK();
  const sessionId = randomBytes(32).toString('base64url');
  const session: WebSession = { personId: owner.personId, ente: owner.ente, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) };
  await store.webAuth.createSession(secretHash(sessionId), session, now);
  return { sessionId, session };
}

/** The open session of a cookie's id, if any. */
export async function sessionOf(store: Store, sessionId: string, now: Date): Promise<WebSession | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return undefined;
  return store.webAuth.session(secretHash(sessionId), now);
}

export const DEFAULT_WEB_PORT = 8080;

/**
 * PERF_WEB_SECRET (required, at least 16 characters) and PERF_WEB_URL (default http://localhost:<PORT>,
 * PORT default 8080), as the dashboard and whoever prints its links read them.
 */
export function webSecretsFromEnv(env: NodeJS.ProcessEnv = process.env): WebSecrets {
  const secret = env.PERF_WEB_SECRET?.trim() ?? '';
  if (secret === '') {
    throw new PerfError('ENV_MISSING', 'PERF_WEB_SECRET mancante: serve il segreto con cui il cruscotto firma i link di accesso.', {
      hint: 'Imposta PERF_WEB_SECRET con una stringa casuale lunga (almeno 16 caratteri), la stessa per il cruscotto e per chi genera i link, ad esempio: export PERF_WEB_SECRET=$(openssl rand -hex 32)',
    });
  }
  if (secret.length < 16) {
    throw new PerfError('ENV_INVALID', `PERF_WEB_SECRET troppo corto (${secret.length} caratteri): ne servono almeno 16.`, { hint: 'Ad esempio: export PERF_WEB_SECRET=$(openssl rand -hex 32)' });
  }
  const port = env.PORT?.trim() || String(DEFAULT_WEB_PORT);
  const baseUrl = env.PERF_WEB_URL?.trim() || `http://localhost:${port}`;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/i.test(baseUrl)) {
    throw new PerfError('ENV_INVALID', `PERF_WEB_URL="${baseUrl}" non è un indirizzo http:// o https://.`, { hint: 'Forma corretta: PERF_WEB_URL=https://performance.ente.it' });
  }
  return { secret, baseUrl: baseUrl.replace(/\/+$/, '') };
}
