import type { HTMLAttributes } from 'react';
import { Table, Typography } from 'antd';
import type { Finding, FindingSeverity } from '../../lib/api-types';
import { SEVERITIES, SeverityTag } from './analysis-labels';
import { FindingMessage } from './finding-message';
import { humanize } from '../../lib/format';

/** Findings by line (then worst first); each row carries data-testid="finding-row". */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0) || (SEVERITIES[b.severity]?.rank ?? 0) - (SEVERITIES[a.severity]?.rank ?? 0),
  );
}

/** No sideways scrolling: on narrower screens the category and then the rule step aside (the annotated code names the rule). */
export function FindingsTable({ findings }: { findings: Finding[] }) {
  const rows = sortFindings(findings).map((finding, index) => ({ ...finding, key: `${finding.line}-${finding.rule}-${index}` }));
  return (
    <Table
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      size="small"
      locale={{ emptyText: 'No findings — nothing to fix here' }}
      onRow={() => ({ 'data-testid': 'finding-row' }) as HTMLAttributes<HTMLElement>}
    >
      <Table.Column
        dataIndex="line"
        title="Line"
        width={64}
        render={(line: number, record: Finding) => (record.column ? `${line}:${record.column}` : line)}
      />
      <Table.Column dataIndex="severity" title="Severity" width={110} render={(severity: FindingSeverity) => <SeverityTag severity={severity} />} />
      <Table.Column dataIndex="rule" title="Rule" width={200} responsive={['md']} render={(rule: string) => <Typography.Text code>{rule}</Typography.Text>} />
      <Table.Column dataIndex="message" title="Message" render={(message: string) => <FindingMessage text={message} />} />
      <Table.Column dataIndex="category" title="Category" width={140} responsive={['lg']} render={(c: string | undefined) => humanize(c)} />
    </Table>
  );
}
