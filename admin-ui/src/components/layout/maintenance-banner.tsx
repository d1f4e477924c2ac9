import { Alert } from "antd";
import { useCustom } from "@refinedev/core";
import type { PublicConfig } from "../../lib/types";

/** Tells operators that maintenance mode is on (GET /api/config), since customers see it too. */
export function MaintenanceBanner() {
  const { result } = useCustom<PublicConfig>({
    url: "/config",
    method: "get",
    errorNotification: false,
    queryOptions: { staleTime: 60_000, retry: false },
  });
  const maintenance = (result.data as PublicConfig | undefined)?.maintenance;
  if (!maintenance?.enabled) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      message="Maintenance mode is on"
      description={maintenance.message ?? undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
