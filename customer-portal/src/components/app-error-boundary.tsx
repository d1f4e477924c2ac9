import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';

type Props = { children: ReactNode; resetKey?: string };
type State = { error: Error | null };

/**
 * Catches render errors (and failed lazy chunk loads after a deploy) so one broken page shows a
 * friendly message instead of a blank screen. `resetKey` (the path) clears it when the user navigates.
 */
export class AppErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Portal render error', error, info.componentStack);
  }

  override componentDidUpdate(prev: Props) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const chunkFailed = /dynamically imported module|Loading chunk|Importing a module script failed/i.test(this.state.error.message);
    return (
      <Result
        status="error"
        title="Something went wrong on this page"
        subTitle={
          chunkFailed
            ? 'A newer version of Socrates is available. Reload the page to continue.'
            : 'Sorry about that. Reload the page to try again; if it keeps happening, contact support and tell us what you were doing.'
        }
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            Reload page
          </Button>,
          <Button key="home" onClick={() => window.location.assign(`${import.meta.env.BASE_URL}projects`)}>
            Go to projects
          </Button>,
        ]}
      >
        {import.meta.env.DEV && (
          <Typography.Paragraph type="secondary" code>
            {this.state.error.message}
          </Typography.Paragraph>
        )}
      </Result>
    );
  }
}
