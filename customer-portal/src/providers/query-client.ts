import { QueryClient } from '@tanstack/react-query';
import { toApiError } from './http';

/** Client errors are answers, not glitches: retrying a 404 or 403 only delays the error state. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  const { statusCode } = toApiError(error);
  if (statusCode >= 400 && statusCode < 500) return false;
  return failureCount < 2;
}

/**
 * The portal's one query cache (Refine's and ours). It holds the signed-in customer's data, so signing in
 * or out empties it: the next person in this tab must never see the last one's projects or tickets.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
