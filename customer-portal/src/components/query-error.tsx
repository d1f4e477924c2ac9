import { Alert, Button } from 'antd';
import { toApiError } from '../providers/http';

/** The error state of a list or detail query: the server's message and a retry. */
export function QueryError({ error, onRetry, title = 'Could not load this' }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { message } = toApiError(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={title}
      description={message}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            Try again
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
