import { Space, Typography, theme } from 'antd';
import type { Finding } from '../../lib/api-types';
import { MONOSPACE } from '../projects/code-editor';
import { SEVERITIES, SeverityTag } from './analysis-labels';
import { FindingMessage } from './finding-message';

/**
 * The snippet with line numbers; lines with findings are highlighted (colour of their worst severity)
 * and annotated below with each finding's severity, rule and message. Long lines scroll sideways; the
 * findings stay in view and wrap at the visible width.
 */
export function AnnotatedCode({ content, findings }: { content: string; findings: Finding[] }) {
  const { token } = theme.useToken();
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const byLine = new Map<number, Finding[]>();
  for (const finding of findings) {
    const list = byLine.get(finding.line) ?? [];
    list.push(finding);
    byLine.set(finding.line, list);
  }
  const gutterWidth = `${String(lines.length).length + 2}ch`;

  return (
    <div
      data-testid="annotated-code"
      style={{
        fontFamily: MONOSPACE,
        fontSize: 13,
        lineHeight: 1.6,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadius,
        overflowX: 'auto',
        background: token.colorFillQuaternary,
        // lets a finding be as wide as the visible box (cqw) while long code lines scroll sideways
        containerType: 'inline-size',
      }}
    >
      <div style={{ minWidth: 'max-content' }}>
        {lines.map((text, index) => {
          const lineNumber = index + 1;
          const lineFindings = byLine.get(lineNumber);
          const worst = lineFindings?.reduce((a, b) => (SEVERITIES[b.severity]?.rank > SEVERITIES[a.severity]?.rank ? b : a));
          return (
            <div key={lineNumber} data-line={lineNumber} data-has-findings={lineFindings ? 'true' : undefined}>
              <div style={{ display: 'flex', background: worst ? SEVERITIES[worst.severity]?.highlight : undefined }}>
                <span
                  aria-hidden
                  style={{
                    width: gutterWidth,
                    flex: 'none',
                    textAlign: 'right',
                    paddingRight: 12,
                    color: token.colorTextTertiary,
                    userSelect: 'none',
                    borderRight: `3px solid ${worst ? token.colorError : 'transparent'}`,
                  }}
                >
                  {lineNumber}
                </span>
                <pre style={{ margin: 0, paddingLeft: 12, whiteSpace: 'pre', font: 'inherit' }}>{text || ' '}</pre>
              </div>
              {lineFindings?.map((finding, i) => (
                <div
                  key={i}
                  data-testid="code-finding"
                  style={{
                    // stays in view and wraps at the box's width however far the code is scrolled
                    position: 'sticky',
                    left: 0,
                    boxSizing: 'border-box',
                    width: `calc(100cqw - ${gutterWidth})`,
                    marginLeft: gutterWidth,
                    padding: '4px 12px',
                    borderLeft: `3px solid ${token.colorError}`,
                    background: token.colorBgContainer,
                    fontFamily: token.fontFamily,
                  }}
                >
                  <Space size={8} wrap>
                    <SeverityTag severity={finding.severity} />
                    <Typography.Text code>{finding.rule}</Typography.Text>
                    <Typography.Text>
                      <FindingMessage text={finding.message} />
                    </Typography.Text>
                  </Space>
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
