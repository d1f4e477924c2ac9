/** The exception an operator raises on purpose to check that errors reach the log (and Sentry). */
export class TestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestError';
  }
}

/** Throws, always: the error handler reports it like any unexpected failure. */
export function raiseTestError(message?: string): never {
  throw new TestError(message?.trim() || 'Test error raised from the console to check error tracking');
}
