import { Component, createContext, useEffect, useState, type ErrorInfo, type ReactNode } from "react";
import { Button, Result, Space, Spin, Typography } from "antd";
import { CustomerServiceOutlined } from "@ant-design/icons";
import { crashTestEnabled, initErrorTracking, reportError } from "../lib/sentry";

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
  reporting: boolean;
  errorId: string | null;
}

/** How many boundaries enclose this one: only the outermost hosts the deliberate-crash probe. */
const BoundaryDepth = createContext(0);

/**
 * Deliberate render error for checking the error screen end to end: `?__crash=render` on any console URL
 * throws while rendering, only when the server says it is not production (its NODE_ENV, read at runtime).
 */
function CrashProbe() {
  const [crash, setCrash] = useState(false);
  useEffect(() => {
    if (new URLSearchParams(window.location.search).get("__crash") !== "render") return;
    void initErrorTracking().then(() => setCrash(crashTestEnabled()));
  }, []);
  if (crash) throw new Error("Deliberate render error (?__crash=render), raised to test error reporting");
  return null;
}

/**
 * Catches a render error anywhere below it, reports it (server log, and Sentry when configured) and shows
 * what happened, the error id to quote, and a way out, instead of a blank page.
 */
export class ErrorBoundary extends Component<Props, State> {
  static override contextType = BoundaryDepth;
  declare context: number;
  override state: State = { error: null, reporting: false, errorId: null };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error, reporting: true, errorId: null };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Console crashed while rendering", error, info.componentStack);
    void reportError(error, { componentStack: info.componentStack }).then((report) => {
      if (this.state.error === error) this.setState({ reporting: false, errorId: report.errorId });
    });
  }

  private reset = () => this.setState({ error: null, reporting: false, errorId: null });

  private contactSupport = () => {
    const { error, errorId } = this.state;
    const params = new URLSearchParams({ subject: `Console error: ${(error?.message ?? "unexpected error").slice(0, 120)}` });
    if (errorId) params.set("errorId", errorId);
    // Tickets live in the customer portal; staff file them there too, quoting the id.
    window.open(`/portal/support/new?${params.toString()}`, "_blank", "noopener");
  };

  override render() {
    const { error, reporting, errorId } = this.state;
    if (!error) {
      return (
        <BoundaryDepth.Provider value={this.context + 1}>
          {this.context === 0 && <CrashProbe />}
          {this.props.children}
        </BoundaryDepth.Provider>
      );
    }

    // A lazily loaded chunk that vanished (a new release replaced it) is fixed by a reload.
    const staleChunk = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message);
    return (
      <Result
        status="error"
        title="Something went wrong on this page"
        subTitle={
          staleChunk
            ? "A newer version of the console is available. Reload to continue."
            : "The error was reported to the operations log. Try again, go back to the dashboard, or contact support quoting the error id."
        }
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            Reload
          </Button>,
          !staleChunk && (
            <Button key="retry" onClick={this.reset}>
              Try again
            </Button>
          ),
          <Button key="home" href={`${import.meta.env.BASE_URL}`}>
            Dashboard
          </Button>,
          !staleChunk && (
            <Button key="support" icon={<CustomerServiceOutlined />} onClick={this.contactSupport} data-testid="contact-support">
              Contact support
            </Button>
          ),
        ]}
      >
        {!staleChunk && (
          <Space direction="vertical" size={4} style={{ width: "100%" }}>
            <Typography.Text strong>What happened</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ fontFamily: "monospace", fontSize: 12, marginBottom: 8 }}>
              {error.name}: {error.message}
            </Typography.Paragraph>
            <Typography.Text strong>Error id</Typography.Text>
            {reporting ? (
              <Space>
                <Spin size="small" />
                <Typography.Text type="secondary">Reporting the error…</Typography.Text>
              </Space>
            ) : errorId ? (
              <Typography.Text code copyable data-testid="error-id">
                {errorId}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">The error could not be reported (are you offline?).</Typography.Text>
            )}
          </Space>
        )}
      </Result>
    );
  }
}
