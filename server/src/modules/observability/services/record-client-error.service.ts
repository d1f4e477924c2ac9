import { z } from 'zod';
import { captureError } from '../../../lib/error-reporter';

export const clientErrorSchema = z.strictObject({
  app: z.enum(['admin', 'portal']),
  type: z.string().trim().min(1).max(200).default('Error'),
  message: z.string().trim().min(1).max(2000),
  stack: z.string().max(16_000).optional(),
  componentStack: z.string().max(8_000).optional(),
  url: z.string().max(2000).optional(),
  userAgent: z.string().max(500).optional(),
  release: z.string().max(200).optional(),
  /** Set when the browser also sent the error to Sentry. */
  sentryEventId: z.string().regex(/^[0-9a-f]{32}$/i).optional(),
});
export type ClientErrorInput = z.infer<typeof clientErrorSchema>;

/** A browser error rebuilt as an Error, so it groups like server errors do (type + top frames). */
class BrowserError extends Error {}

/** Stores an error reported by one of the UIs in the grouped log; the id is what the fallback shows. */
export async function recordClientError(input: ClientErrorInput, who: { userId: string | null; requestId: string | null }) {
  const err = new BrowserError(input.message);
  err.name = input.type;
  err.stack = input.stack ?? `${input.type}: ${input.message}`;
  const report = await captureError(err, {
    component: 'browser',
    requestId: who.requestId,
    userId: who.userId,
    // the browser SDK sends its own errors to Sentry (with the browser DSN); the server never resends them
    sentryEventId: input.sentryEventId?.toLowerCase() ?? null,
    sendToSentry: false,
    app: input.app,
    url: input.url ?? null,
    userAgent: input.userAgent ?? null,
    release: input.release ?? null,
    componentStack: input.componentStack ?? null,
  });
  return report;
}
