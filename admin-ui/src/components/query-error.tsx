import { Alert, Button } from "antd";
import { ReloadOutlined } from "@ant-design/icons";

interface QueryErrorProps {
  error: { message?: string; statusCode?: number } | null | undefined;
  onRetry?: () => void;
  title?: string;
}

/** The error state of a list or detail: what went wrong, and a way to try again. */
export function QueryError({ error, onRetry, title = "Could not load this data" }: QueryErrorProps) {
  const forbidden = error?.statusCode === 403;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      message={forbidden ? "You do not have access to this data" : title}
      description={error?.message ?? "Something went wrong."}
      action={
        onRetry && !forbidden ? (
          <Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
