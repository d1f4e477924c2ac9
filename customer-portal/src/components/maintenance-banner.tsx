import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { http } from '../providers/http';
import type { PublicConfig } from '../lib/api-types';

/** Shows the operators' maintenance notice from the public runtime config (GET /api/config), if any. */
export function MaintenanceBanner() {
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    http
      .get<PublicConfig>('/config')
      .then(({ data }) => {
        if (!cancelled && data.maintenance?.enabled) {
          setMessage(data.maintenance.message || 'Socrates is undergoing maintenance. Some actions may be unavailable.');
        }
      })
      .catch(() => {
        // The banner is a courtesy; without the config the portal works as usual.
      });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!message) return null;
  return <Alert banner type="warning" message={message} />;
}
