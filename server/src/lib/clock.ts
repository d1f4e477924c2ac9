/**
 * The one source of "now". Billing periods, SLAs, token expiry and rollups read it, so tests (and the
 * test-mode console) can move time forward instead of waiting.
 */
let offsetMs = 0;

export const clock = {
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  /** Moves time forward (or back, with a negative value) by ms. */
  advance(ms: number): void {
    offsetMs += ms;
  },
  /** Jumps so that now() returns the given instant. */
  set(at: Date): void {
    offsetMs = at.getTime() - Date.now();
  },
  reset(): void {
    offsetMs = 0;
  },
  offsetMs(): number {
    return offsetMs;
  },
};
