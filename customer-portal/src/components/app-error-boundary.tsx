import { Component, createContext, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { Button, Result, Space, Spin, Typography } from 'antd';
import { CustomerServiceOutlined } from '@ant-design/icons';
import { crashTestEnabled, initErrorTracking, reportError } from '../lib/sentry';

type Props = { children: ReactNode; resetKey?: string };
type State = { error: Error | null; reporting: boolean; errorId: string | null };

/** How many boundaries enclose this one: only the outermost hosts the deliberate-crash probe. */
const BoundaryDepth = createContext(0);

/**
 * Deliberate render error for checking the error screen end to end: `?__crash=render` on any portal URL
 * throws while rendering, only when the server says it is not production (its NODE_ENV, read at runtime).
 */
function CrashProbe() {
  const [crash, setCrash] = useState(false);
  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('__crash') !== 'render') return;
    void initErrorTracking().then(() => setCrash(crashTestEnabled()));
  }, []);
  if (crash) throw new Error('Deliberate render error (?__crash=render), raised to test error reporting');
  return null;
}

/**
 * Catches render errors (and failed lazy chunk loads after a deploy) so one broken page shows what
 * happened, the error id to quote and a "Contact support" button instead of a blank screen. The error is
 * reported to the server's log (and Sentry when configured). `resetKey` (the path) clears it on navigation.
 */
export class AppErrorBoundary extends Component<Props, State> {
  static override contextType = BoundaryDepth;
  declare context: number;
  override state: State = { error: null, reporting: false, errorId: null };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error, reporting: true, errorId: null };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Portal render error', error, info.componentStack);
    void reportError(error, { componentStack: info.componentStack }).then((report) => {
      if (this.state.error === error) this.setState({ reporting: false, errorId: report.errorId });
    });
  }

  override componentDidUpdate(prev: Props) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null, reporting: false, errorId: null });
  }

  private contactSupport = () => {
    const params = new URLSearchParams({ subject: 'Something went wrong on a page' });
    if (this.state.errorId) params.set('errorId', this.state.errorId);
    // A full navigation: the boundary may sit outside the router, and the broken page must go away.
    window.location.assign(`${import.meta.env.BASE_URL}support/new?${params.toString()}`);
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
    const chunkFailed = /dynamically imported module|Loading chunk|Importing a module script failed/i.test(error.message);
    return (
      <Result
        status="error"
        title="Something went wrong on this page"
        subTitle={
          chunkFailed
            ? 'A newer version of Socrates is available. Reload the page to continue.'
            : 'Sorry about that: the page hit an unexpected error and we have been told about it. Reload to try again; if it keeps happening, contact support and quote the error id.'
        }
        extra={[
          <Button key="reload" type="primary" onClick={() => window.location.reload()}>
            Reload page
          </Button>,
          !chunkFailed && (
            <Button key="support" icon={<CustomerServiceOutlined />} onClick={this.contactSupport} disabled={reporting} data-testid="contact-support">
              Contact support
            </Button>
          ),
          <Button key="home" onClick={() => window.location.assign(`${import.meta.env.BASE_URL}projects`)}>
            Go to projects
          </Button>,
        ]}
      >
        {!chunkFailed && (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Typography.Text strong>What happened</Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {import.meta.env.DEV ? `${error.name}: ${error.message}` : 'The page could not be displayed because of an error in Socrates, not something you did.'}
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
              <Typography.Text type="secondary">The error could not be reported (are you offline?). Describe what you were doing when you contact support.</Typography.Text>
            )}
          </Space>
        )}
      </Result>
    );
  }
}
