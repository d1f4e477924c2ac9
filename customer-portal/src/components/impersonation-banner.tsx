import { Alert, Button, Space, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { http, toApiError } from '../providers/http';
import { formatDateTime } from '../lib/format';

interface Impersonation {
  impersonatorName: string;
  impersonatorEmail: string;
  expiresAt: string;
}

interface Me {
  user: { name: string; email: string } | null;
  impersonation: Impersonation | null;
}

/**
 * While an admin views the portal as a customer (GET /api/auth/session says so), a banner across the top says
 * whose portal this is, that it is read-only and until when, with the way back to the console.
 */
export function ImpersonationBanner() {
  const [me, setMe] = useState<Me | null>(null);
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let cancelled = false;
    http
      .get<Me>('/auth/session')
      .then(({ data }) => !cancelled && setMe(data))
      .catch(() => undefined); // unreachable: nothing to show
    return () => {
      cancelled = true;
    };
  }, []);

  const expiresAt = me?.impersonation?.expiresAt;
  useEffect(() => {
    if (!expiresAt) return;
    const check = () => setExpired(Date.now() >= new Date(expiresAt).getTime());
    check();
    const id = window.setInterval(check, 15_000);
    return () => window.clearInterval(id);
  }, [expiresAt]);

  if (!me?.user || !me.impersonation) return null;

  const stop = async () => {
    setStopping(true);
    setError(null);
    try {
      const { data } = await http.post<{ redirectTo: string }>('/auth/impersonation/stop');
      window.location.assign(data.redirectTo);
    } catch (err) {
      const apiError = toApiError(err);
      // The viewing session already ended (expired): back to the console either way.
      if (apiError.statusCode === 401) window.location.assign('/admin/');
      else setError(apiError.message);
      setStopping(false);
    }
  };

  return (
    <Alert
      banner
      type="warning"
      icon={<EyeOutlined />}
      role="status"
      data-testid="impersonation-banner"
      style={{ position: 'sticky', top: 0, zIndex: 1000 }}
      message={
        <Space wrap size={4}>
          <Typography.Text strong>
            Viewing as {me.user.name} ({me.user.email})
          </Typography.Text>
          <Typography.Text>
            — read-only{expired ? ', this view has ended' : `, until ${formatDateTime(me.impersonation.expiresAt)}`}. Signed in as {me.impersonation.impersonatorName}.
          </Typography.Text>
          {error && <Typography.Text type="danger">{error}</Typography.Text>}
        </Space>
      }
      action={
        <Button size="small" type="primary" danger onClick={stop} loading={stopping}>
          Stop viewing as customer
        </Button>
      }
    />
  );
}
