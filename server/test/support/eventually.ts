/**
 * Polls `check` until it gives a truthy value and returns that value: for what happens in the background
 * (a job, the database's notification to a listener). Fails after `ms`.
 */
export async function eventually<T>(check: () => Promise<T>, ms = 5_000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
