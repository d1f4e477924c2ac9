import { Button, DatePicker, Space, Switch, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router';
import { pickerDateFormats } from '../../lib/format';
import { useDownload } from '../../lib/use-download';

export interface RangeState {
  from?: string;
  to?: string;
  compare: boolean;
}

/** Days in the URL and the API stay ISO; only the picker shows them in the reader's format. */
const API_DAY = 'YYYY-MM-DD';

/** The analytics range lives in the URL (?from=&to=&compare=previous), so a view can be bookmarked and shared. */
export function useRangeParams(): [RangeState, (next: Partial<RangeState>) => void, Record<string, string>] {
  const [params, setParams] = useSearchParams();
  const state: RangeState = { from: params.get('from') ?? undefined, to: params.get('to') ?? undefined, compare: params.get('compare') === 'previous' };
  const update = (next: Partial<RangeState>) => {
    const merged = { ...state, ...next };
    const p = new URLSearchParams(params);
    for (const k of ['from', 'to'] as const) {
      if (merged[k]) p.set(k, merged[k]!);
      else p.delete(k);
    }
    if (merged.compare) p.set('compare', 'previous');
    else p.delete('compare');
    setParams(p, { replace: true });
  };
  const query: Record<string, string> = {};
  if (state.from) query.from = state.from;
  if (state.to) query.to = state.to;
  if (state.compare) query.compare = 'previous';
  return [state, update, query];
}

const PRESETS = [
  { label: 'Last 7 days', value: [dayjs().subtract(6, 'day'), dayjs()] as [Dayjs, Dayjs] },
  { label: 'Last 30 days', value: [dayjs().subtract(29, 'day'), dayjs()] as [Dayjs, Dayjs] },
  { label: 'Last 90 days', value: [dayjs().subtract(89, 'day'), dayjs()] as [Dayjs, Dayjs] },
  { label: 'This year', value: [dayjs().startOf('year'), dayjs()] as [Dayjs, Dayjs] },
];

/** Date-range picker (UTC days), previous-period switch and the CSV export links. */
export function RangeFilter({ range, state, onChange, exportQuery }: { range?: { from: string; to: string }; state: RangeState; onChange: (next: Partial<RangeState>) => void; exportQuery: Record<string, string> }) {
  const value: [Dayjs, Dayjs] | null = range ? [dayjs(range.from), dayjs(range.to)] : null;
  const href = (dataset: string) => `/api/analytics/export?${new URLSearchParams({ ...exportQuery, ...(range ? { from: range.from, to: range.to } : {}), dataset }).toString()}`;
  const { download, downloading } = useDownload();
  return (
    <Space wrap size="middle">
      <DatePicker.RangePicker
        aria-label="Date range"
        format={pickerDateFormats()}
        value={value}
        presets={PRESETS}
        allowClear={false}
        disabledDate={(d) => d.isAfter(dayjs(), 'day')}
        onChange={(v) => v?.[0] && v[1] && onChange({ from: v[0].format(API_DAY), to: v[1].format(API_DAY) })}
      />
      <Space size="small">
        <Switch checked={state.compare} onChange={(compare) => onChange({ compare })} aria-label="Compare with the previous period" />
        <Typography.Text>Compare with previous period</Typography.Text>
      </Space>
      <Tooltip title="Your activity per day in this range, as a spreadsheet">
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(href('timeline'))} data-testid="export-timeline">
          Export CSV
        </Button>
      </Tooltip>
      <Button type="link" disabled={downloading} onClick={() => void download(href('projects'))}>
        Projects CSV
      </Button>
    </Space>
  );
}
