import { useEffect, useState } from "react";
import { Form, Select } from "antd";
import { searchType } from "../../components/search/search-api";

/** Owner filter for the console: pick a customer by name or e-mail (searched on the server as you type). */
export function OwnerFilter({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const [q, setQ] = useState("");
  const [options, setOptions] = useState<Array<{ value: string; label: string }>>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (q.trim().length < 2) return;
    const ctrl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      searchType("user", q, {}, 10, 0, ctrl.signal)
        .then((r) => setOptions(r.hits.map((h) => ({ value: h.id, label: `${h.title} <${String(h.metadata.email ?? "")}>` }))))
        .catch(() => setOptions([]))
        .finally(() => !ctrl.signal.aborted && setLoading(false));
    }, 200);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);

  return (
    <Form.Item label="Owner">
      <Select
        showSearch
        allowClear
        filterOption={false}
        placeholder="Any customer"
        value={value}
        onSearch={setQ}
        onChange={(v) => onChange(v || undefined)}
        loading={loading}
        options={value && !options.some((o) => o.value === value) ? [{ value, label: "Selected customer" }, ...options] : options}
        notFoundContent={q.trim().length < 2 ? "Type a name or e-mail" : "No customer found"}
        aria-label="Owner"
      />
    </Form.Item>
  );
}
