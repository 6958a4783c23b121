import { PerfError } from '@perf/model';

export type Clock = () => Date;

/** `PERF_NOW` (ISO 8601) when set, for trials and acceptance tests; the real clock otherwise. */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const fixed = env.PERF_NOW?.trim();
  if (!fixed) return () => new Date();
  const instant = new Date(fixed);
  if (Number.isNaN(instant.getTime())) {
    throw new PerfError('ENV_INVALID', `PERF_NOW="${fixed}" non è una data valida.`, { hint: 'Forma corretta: PERF_NOW=2012-12-31T12:00:00+01:00 (ISO 8601).' });
  }
  return () => new Date(instant.getTime());
}
