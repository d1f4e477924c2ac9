import { useEffect } from "react";
import { Alert } from "antd";
import { useCustom } from "@refinedev/core";
import { Link } from "react-router";
import type { PublicConfig } from "../../lib/types";
import { MAINTENANCE_CHANGED_EVENT } from "../../routes/system/types";

/**
 * Tells operators that maintenance mode is on (GET /api/config), since customers are being refused.
 * Re-reads every 30 seconds, and at once when this console switches it.
 */
export function MaintenanceBanner() {
  const { result, query } = useCustom<PublicConfig>({
    url: "/config",
    method: "get",
    errorNotification: false,
    queryOptions: { staleTime: 10_000, retry: false, refetchInterval: 30_000 },
  });
  const { refetch } = query;
  useEffect(() => {
    const onChange = () => void refetch();
    window.addEventListener(MAINTENANCE_CHANGED_EVENT, onChange);
    return () => window.removeEventListener(MAINTENANCE_CHANGED_EVENT, onChange);
  }, [refetch]);

  const maintenance = (result.data as PublicConfig | undefined)?.maintenance;
  if (!maintenance?.enabled) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      role="status"
      data-testid="maintenance-banner"
      message={
        <span>
          Maintenance mode is on: customers are refused until it is turned off. <Link to="/system">System monitoring</Link>
        </span>
      }
      description={maintenance.message ?? undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
