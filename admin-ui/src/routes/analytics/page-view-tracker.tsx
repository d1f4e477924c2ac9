import { useEffect } from "react";
import { useLocation } from "react-router";

/**
 * Sends the console's page views to POST /api/analytics/events in batches: queued on navigation, flushed
 * every 15 s, at 25 views, and when the tab is hidden (fetch keepalive outlives the page). Failures are
 * dropped: analytics must never disturb the work (staff activity is left out of the rollups, but kept in the event log).
 */
const queue: Array<{ type: "page_view"; path: string; occurredAt: string }> = [];
let timer: ReturnType<typeof setTimeout> | undefined;

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (queue.length === 0) return;
  const events = queue.splice(0, queue.length);
  void fetch("/api/analytics/events", { method: "POST", credentials: "same-origin", keepalive: true, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ events }) }).catch(() => undefined);
}

if (typeof document !== "undefined") document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && flush());

export function PageViewTracker(): null {
  const { pathname } = useLocation();
  useEffect(() => {
    // ids in paths are replaced so that views of "a project page" add up
    queue.push({ type: "page_view", path: pathname.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ":id").slice(0, 300), occurredAt: new Date().toISOString() });
    if (queue.length >= 25) flush();
    else timer ??= setTimeout(flush, 15_000);
  }, [pathname]);
  return null;
}
