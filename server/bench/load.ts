/**
 * The load generator, run by run.ts in a child process so that autocannon does not share an event
 * loop with the servers it measures. It receives one job over IPC, runs autocannon, records the
 * latency of every single 2xx response itself (autocannon's summary has p90 and p97.5 but no p95)
 * and sends them back with the status counts.
 */

import autocannon from 'autocannon';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /**
   * A mix instead of one request: the connections take these in turn (path and cookie on `url`'s host),
   * and each 2xx latency is also recorded under its `kind`.
   */
  mix?: Array<{ kind: string; path: string; cookie: string }>;
}

/** What one run of autocannon measured; run.ts merges several of these into a summary. */
export interface LoadRaw {
  durationSeconds: number;
  /** Latency (ms) of every 2xx response, as autocannon measured it (request written → response parsed). */
  latencies: number[];
  statusCodes: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** autocannon's own summary of this run (its histogram, 2xx only), for cross-checking. */
  autocannon: { p50: number; p97_5: number; p99: number };
  /** With a mix: 2xx latencies (ms) per kind, timed from building the request to its response. */
  byKind?: Record<string, number[]>;
}

async function runJob(job: LoadJob): Promise<LoadRaw> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  const byKind: Record<string, number[]> = {};
  let next = 0;
  const mix = job.mix;
  const requests = mix && [
    {
      setupRequest: (req: { headers?: Record<string, string> }, context: { kind?: string; started?: number }) => {
        const r = mix[next++ % mix.length];
        context.kind = r.kind;
        context.started = performance.now();
        return { ...req, path: r.path, headers: { ...req.headers, cookie: r.cookie } };
      },
      onResponse: (status: number, _body: string, context: { kind?: string; started?: number }) => {
        if (status >= 200 && status < 300 && context.kind) (byKind[context.kind] ??= []).push(performance.now() - context.started!);
      },
    },
  ];
  const instance = autocannon({ url: job.url, headers: job.headers, connections: job.connections, duration: job.durationSeconds, timeout: 10, ...(requests ? { requests } : {}) });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTimeMs: number) => {
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTimeMs);
  });
  const result = await instance;
  return {
    durationSeconds: result.duration,
    latencies,
    statusCodes,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    autocannon: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 },
    ...(mix ? { byKind } : {}),
  };
}

if (process.send) {
  process.once('message', (job: LoadJob) => {
    runJob(job).then(
      (raw) => process.send!({ ok: true, raw }, () => process.exit(0)),
      (err: unknown) => process.send!({ ok: false, error: err instanceof Error ? err.stack : String(err) }, () => process.exit(1)),
    );
  });
}
