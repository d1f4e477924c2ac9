import { Button, Card, Checkbox, Collapse, DatePicker, Form, Grid, Select, Space } from "antd";
import dayjs from "dayjs";
import type { SearchFilters, SearchType } from "../../components/search/search-api";
import { STATUSES, TYPE_LABELS } from "../../components/search/search-labels";
import { humanize, pickerDateFormats } from "../../lib/format";

/**
 * The plan's AdvancedFilter: type, status, owner (when the UI searches across customers) and a date
 * range. Changes apply at once (the URL holds them, so a filtered search can be bookmarked or saved).
 */
export function FilterSidebar({
  types,
  filters,
  onChange,
  ownerField,
}: {
  types: SearchType[];
  filters: SearchFilters;
  onChange: (next: SearchFilters) => void;
  ownerField?: React.ReactNode;
}) {
  const chosen = filters.type?.length ? filters.type : types;
  const statuses = [...new Set(chosen.flatMap((t) => STATUSES[t] ?? []))];
  const screens = Grid.useBreakpoint();
  const active = [filters.type?.length, filters.status, filters.owner_id, filters.date_from || filters.date_to].filter(Boolean).length;
  const clear = active > 0 && (
    <Button
      type="link"
      size="small"
      onClick={(e) => {
        e.stopPropagation(); // not a click on the folded panel's header
        onChange({});
      }}
    >
      Clear
    </Button>
  );
  const form = (
    <Form layout="vertical" component="div">
      <Form.Item label="Type">
        <Checkbox.Group
          value={filters.type ?? []}
          onChange={(v) => onChange({ ...filters, type: (v as SearchType[]).length ? (v as SearchType[]) : undefined, status: undefined })}
          data-testid="filter-type"
        >
          <Space direction="vertical" size={4}>
            {types.map((t) => (
              <Checkbox key={t} value={t}>
                {TYPE_LABELS[t]}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item label="Status">
        <Select
          allowClear
          placeholder="Any status"
          value={filters.status}
          onChange={(v) => onChange({ ...filters, status: v || undefined })}
          options={statuses.map((s) => ({ value: s, label: humanize(s) }))}
          aria-label="Status"
        />
      </Form.Item>
      {ownerField}
      <Form.Item label="Date">
        <DatePicker.RangePicker
          format={pickerDateFormats()}
          style={{ width: "100%" }}
          allowEmpty={[true, true]}
          value={[filters.date_from ? dayjs(filters.date_from) : null, filters.date_to ? dayjs(filters.date_to) : null]}
          onChange={(range) =>
            onChange({ ...filters, date_from: range?.[0]?.format("YYYY-MM-DD") || undefined, date_to: range?.[1]?.format("YYYY-MM-DD") || undefined })
          }
          aria-label="Date range"
        />
      </Form.Item>
    </Form>
  );
  // below xl (a phone, a tablet) the filters fold away above the results, saying how many are set
  if (screens.xl === false) {
    return <Collapse size="small" items={[{ key: "filters", label: active ? `Filters (${active})` : "Filters", extra: clear, children: form }]} data-testid="search-filters-folded" />;
  }
  return (
    <Card title="Filters" size="small" extra={clear}>
      {form}
    </Card>
  );
}
