import type { MiddlewareHandler } from 'hono';

/** No inline script or style anywhere: the pages are plain HTML with one stylesheet. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
};

/**
 * A fixed-window limit per client address: at most `limit` requests each `windowMs`. Beyond it, 429 with
 * Retry-After. In memory: one process serves the dashboard.
 */
export function rateLimit(options: {
  limit: number; windowMs: number; now: () => number; key: (c: Parameters<MiddlewareHandler>[0]) => string;
  /** The 429 answer's body (HTML); default a line of text. */
  refusal?: (retryAfterSeconds: number) => string;
}): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const now = options.now();
    const key = options.key(c);
    let window = windows.get(key);
    if (window === undefined || now - window.start >= options.windowMs) {
      if (windows.size > 10_000) windows.clear();
      window = { start: now, count: 0 };
      windows.set(key, window);
    }
    window.count += 1;
    if (window.count > options.limit) {
      const seconds = Math.ceil((window.start + options.windowMs - now) / 1000);
      c.header('Retry-After', String(seconds));
      return options.refusal === undefined
        ? c.text('Troppi tentativi di accesso da questo indirizzo: riprova tra qualche minuto.', 429)
        : c.html(options.refusal(seconds), 429);
    }
    return next();
  };
}
