import { Alert, Grid } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { http, isApiError } from '../providers/http';
import type { PublicConfig } from '../lib/api-types';

const REFRESH_MS = 30_000;
const FALLBACK = 'Socrates is undergoing maintenance. Some actions may be unavailable.';

/**
 * Shows the operators' maintenance notice from the public runtime config (GET /api/config). It is
 * re-read every 30 seconds, and at once when any request is refused with 503 `maintenance`, so the
 * banner appears (and goes) without a reload.
 */
export function MaintenanceBanner() {
  const [message, setMessage] = useState<string | null>(null);
  // The banner spans the page above the layout, whose menu is fixed on wide screens (lg and up):
  // start the text beside the menu so none of it hides underneath.
  const { lg } = Grid.useBreakpoint();

  const load = useCallback(async () => {
    try {
      const { data } = await http.get<PublicConfig>('/config');
      setMessage(data.maintenance?.enabled ? data.maintenance.message || FALLBACK : null);
    } catch {
      // The banner is a courtesy; without the config the portal works as usual.
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    const interceptor = http.interceptors.response.use(undefined, (error: unknown) => {
      if (isApiError(error) && error.statusCode === 503 && error.code === 'maintenance') setMessage(error.message || FALLBACK);
      return Promise.reject(error);
    });
    return () => {
      window.clearInterval(timer);
      http.interceptors.response.eject(interceptor);
    };
  }, [load]);

  if (!message) return null;
  return <Alert banner type="warning" role="status" data-testid="maintenance-banner" message={message} style={lg ? { paddingLeft: 216 } : undefined} />;
}
