import { clock } from './clock';

/**
 * A small in-process map whose entries expire (by the app's clock, so tests can move time); when full, it
 * starts over rather than tracking recency.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private readonly options: { ttlMs: number; maxEntries: number }) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= clock.now().getTime()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.options.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expiresAt: clock.now().getTime() + this.options.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
