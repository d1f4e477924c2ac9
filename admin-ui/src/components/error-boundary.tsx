import { Component, type ErrorInfo, type ReactNode } from "react";
import { Button, Result, Typography } from "antd";

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Catches a render error anywhere below it and offers a way out instead of a blank page. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error("Console crashed while rendering", error, info.componentStack);
  }

  private reset = () => this.setState({ error: null });

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;

    // A lazily loaded chunk that vanished (a new release replaced it) is fixed by a reload.
    const staleChunk = /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(
      error.message,
    );
    return (
      <Result
        status="error"
        title="Something went wrong on this page"
        subTitle={
          staleChunk
            ? "A newer version of the console is available. Reload to continue."
            : "The error has been logged in the browser console. You can try again, or go back to the dashboard."
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
        ]}
      >
        {!staleChunk && (
          <Typography.Paragraph type="secondary" style={{ fontFamily: "monospace", fontSize: 12 }}>
            {error.message}
          </Typography.Paragraph>
        )}
      </Result>
    );
  }
}
