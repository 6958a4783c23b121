import { clockFromEnv, DEFAULT_WEB_PORT, webSecretsFromEnv, type Clock, type WebSecrets } from '@perf/core';
import { PerfError } from '@perf/model';
import { DEFAULT_DB_LOCATION } from '@perf/store';

export interface WebEnv extends WebSecrets {
  readonly port: number;
  readonly db: string;
  readonly clock: Clock;
  /** PERF_WEB_TRUST_PROXY=1: a reverse proxy in front sets X-Forwarded-For. */
  readonly trustProxy: boolean;
}

/** `pnpm web`'s variables: PORT (default 8080), PERF_DB, PERF_WEB_SECRET (required), PERF_WEB_URL, PERF_WEB_TRUST_PROXY, PERF_NOW. */
export function readWebEnv(env: NodeJS.ProcessEnv = process.env): WebEnv {
  const portText = env.PORT?.trim() || String(DEFAULT_WEB_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new PerfError('ENV_INVALID', `PORT="${portText}" non valido: serve un numero di porta da 0 a 65535.`, { hint: 'Ad esempio: PORT=8080' });
  }
  const proxy = env.PERF_WEB_TRUST_PROXY?.trim() ?? '';
  if (!['', '0', '1'].includes(proxy)) {
    throw new PerfError('ENV_INVALID', `PERF_WEB_TRUST_PROXY="${proxy}" non valido: vale 1 (dietro un proxy che imposta X-Forwarded-For) oppure 0.`, { hint: 'Ad esempio: PERF_WEB_TRUST_PROXY=1' });
  }
  return { ...webSecretsFromEnv(env), port, db: env.PERF_DB?.trim() || DEFAULT_DB_LOCATION, clock: clockFromEnv(env), trustProxy: proxy === '1' };
}
