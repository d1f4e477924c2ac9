import { getSearchEngine } from './registry';

/** Asks the configured search engine to answer and times it; never throws (a health page calls it). */
export async function checkSearchHealth(): Promise<{ status: 'ok' | 'down'; latencyMs: number; engine: string }> {
  const started = performance.now();
  let engine = 'unknown';
  try {
    const e = getSearchEngine();
    engine = e.name;
    await e.ping();
    return { status: 'ok', latencyMs: Math.round(performance.now() - started), engine };
  } catch {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), engine };
  }
}
