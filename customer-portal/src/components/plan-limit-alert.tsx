import { Alert, Button } from 'antd';
import { useHref, useNavigate } from 'react-router';
import { toApiError } from '../providers/http';

/** The API's answer to an action over a hard plan limit: 402 `plan_limit_reached`. */
export function isPlanLimitError(error: unknown): boolean {
  return error !== null && error !== undefined && toApiError(error).code === 'plan_limit_reached';
}

/**
 * Shown where the action failed (a form or modal), not as a toast: the server's message ("Your Free
 * plan allows 3 projects. Upgrade to Professional to go further.") and a link to the plans.
 */
export function PlanLimitAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  const navigate = useNavigate();
  const href = useHref('/billing');
  const { message } = toApiError(error);
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="plan-limit-alert"
      message="Plan limit reached"
      description={message}
      action={
        <Button
          type="primary"
          size="small"
          href={href}
          data-testid="plan-limit-see-plans"
          onClick={(event) => {
            event.preventDefault();
            navigate('/billing');
          }}
        >
          See plans
        </Button>
      }
      style={{ marginBottom: 16, ...style }}
    />
  );
}
