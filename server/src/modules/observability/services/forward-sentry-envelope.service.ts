import { AppError } from '../../../http/errors';

export interface DsnParts {
  origin: string;
  host: string;
  /** Any path prefix before the project id (self-hosted Sentry under a sub-path). */
  pathPrefix: string;
  projectId: string;
}

/** The parts of a DSN (`https://key@o1.ingest.sentry.io/123`) the tunnel checks and forwards to. */
export function parseDsn(dsn: string): DsnParts {
  const url = new URL(dsn);
  const segments = url.pathname.split('/').filter(Boolean);
  const projectId = segments.pop();
  if (!projectId) throw new Error('The DSN has no project id');
  return { origin: url.origin, host: url.host, pathPrefix: segments.length ? `/${segments.join('/')}` : '', projectId };
}

/**
 * The tunnel: an envelope from a browser SDK is forwarded to the configured browser DSN's host and
 * project, and only there (anything else would make us an open proxy). Ad-blockers drop requests to
 * sentry.io, not to our own origin.
 */
export async function forwardSentryEnvelope(body: Buffer, allowedDsn: string | undefined, fetchImpl: typeof fetch = fetch): Promise<{ status: number; body: string }> {
  if (!allowedDsn) throw new AppError(404, 'tunnel_disabled', 'No browser Sentry DSN is configured');
  const newline = body.indexOf(0x0a);
  const headerText = (newline >= 0 ? body.subarray(0, newline) : body).toString('utf8');
  let header: { dsn?: unknown };
  try {
    header = JSON.parse(headerText) as { dsn?: unknown };
  } catch {
    throw AppError.badRequest('invalid_envelope', 'The envelope header is not JSON');
  }
  if (typeof header.dsn !== 'string') throw AppError.badRequest('invalid_envelope', 'The envelope header names no DSN');
  let target: DsnParts;
  try {
    target = parseDsn(header.dsn);
  } catch {
    throw AppError.badRequest('invalid_envelope', 'The envelope DSN is not a URL');
  }
  const allowed = parseDsn(allowedDsn);
  if (target.host !== allowed.host || target.projectId !== allowed.projectId || target.pathPrefix !== allowed.pathPrefix) {
    throw AppError.forbidden('This tunnel only forwards to the configured Sentry project', 'dsn_not_allowed');
  }
  const upstream = await fetchImpl(`${allowed.origin}${allowed.pathPrefix}/api/${allowed.projectId}/envelope/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-sentry-envelope' },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  }).catch(() => {
    throw new AppError(502, 'sentry_unreachable', 'Sentry did not answer');
  });
  return { status: upstream.status, body: await upstream.text() };
}
