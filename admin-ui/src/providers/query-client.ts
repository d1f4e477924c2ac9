import { QueryClient } from "@tanstack/react-query";

/** Retry only what may succeed next time: network failures and 5xx, not 4xx answers. */
const retryTransient = (failureCount: number, error: unknown) => {
  const status = (error as { statusCode?: number } | null)?.statusCode ?? 0;
  return (status === 0 || status >= 500) && failureCount < 2;
};

/**
 * The console's one query cache (Refine's and ours). It holds what the signed-in admin may see, so signing
 * in or out empties it: the next person in this tab must never see the last one's customers or tickets.
 */
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: retryTransient } } });
