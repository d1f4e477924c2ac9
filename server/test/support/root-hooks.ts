import { clock } from '../../src/lib/clock';
import { startTestStack } from './database';

let stack: Awaited<ReturnType<typeof startTestStack>> | undefined;

/** The suite's database URL (for tests that need a connection of their own). */
export function testDatabaseUrl(): string {
  if (!stack) throw new Error('the test stack is not started');
  return stack.url;
}

/** One database and job queue for the whole server suite; files reset the tables they use. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    stack = await startTestStack();
  },
  afterEach() {
    clock.reset();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stack?.stop();
  },
};
