import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

/** One envelope as Sentry's ingest receives it: the raw bytes, the header, and its items. */
export interface ReceivedEnvelope {
  path: string;
  raw: string;
  header: Record<string, unknown>;
  items: Array<{ header: { type?: string; [k: string]: unknown }; payload: unknown }>;
}

/**
 * A local stand-in for Sentry's ingest: speaks the envelope endpoint (`POST /api/<project>/envelope/`) the
 * real SDK posts to, keeps every envelope's raw bytes (so tests can search them for leaked secrets) and
 * parses its items.
 */
export class SentryReceiver {
  readonly envelopes: ReceivedEnvelope[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private waiters: Array<() => void> = [];
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** A DSN pointing at this receiver (project 4242 unless told otherwise). */
  dsn(project = '4242', key = 'publickey'): string {
    return `http://${key}@127.0.0.1:${this.port}/${project}`;
  }

  /** Every item of type `event` (errors) received so far. */
  events(): Array<Record<string, unknown>> {
    return this.envelopes.flatMap((e) => e.items.filter((i) => i.header.type === 'event').map((i) => i.payload as Record<string, unknown>));
  }

  /** Resolves when `predicate` holds over what was received, or rejects after `timeoutMs`. */
  async waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`Sentry receiver: condition not met within ${timeoutMs} ms (${this.envelopes.length} envelopes)`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = zlib.gunzipSync(body);
      if (req.method === 'POST' && /\/api\/[^/]+\/envelope\/?/.test(req.url ?? '')) {
        this.envelopes.push(parseEnvelope(req.url ?? '', body.toString('utf8')));
        for (const w of this.waiters.splice(0)) w();
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      res.writeHead(404).end();
    });
  }
}

/** Envelope format: a JSON header line, then per item a JSON item header line and a payload line. */
export function parseEnvelope(path: string, raw: string): ReceivedEnvelope {
  const lines = raw.split('\n');
  const header = JSON.parse(lines[0] || '{}') as Record<string, unknown>;
  const items: ReceivedEnvelope['items'] = [];
  for (let i = 1; i + 1 < lines.length + 1 && lines[i]; i += 2) {
    const itemHeader = JSON.parse(lines[i]) as ReceivedEnvelope['items'][number]['header'];
    const payloadText = lines[i + 1] ?? '';
    let payload: unknown = payloadText;
    try {
      payload = JSON.parse(payloadText);
    } catch {
      /* binary or plain payloads (replays, attachments) stay text */
    }
    items.push({ header: itemHeader, payload });
  }
  return { path, raw, header, items };
}
