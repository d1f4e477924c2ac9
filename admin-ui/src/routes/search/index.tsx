import { useEffect, useMemo, useRef, useState } from "react";
import { App, Alert, Button, Col, Empty, Form, Input, Modal, Pagination, Row, Segmented, Space, Spin, Tabs, Tag, Typography, type InputRef } from "antd";
import { AppstoreOutlined, BarsOutlined, SaveOutlined } from "@ant-design/icons";
import { List } from "@refinedev/antd";
import { useSearchParams } from "react-router";
import { createSaved, fetchPopular, searchGrouped, searchType, windowOf, type SearchFilters, type SearchGroup, type SearchHit, type SearchType } from "../../components/search/search-api";
import { IDENTIFIER_HINT, searchTypesFor, TYPE_LABELS } from "../../components/search/search-labels";
import { FilterSidebar } from "./filter-sidebar";
import { GroupedResults, TypeResults, type ResultView } from "./search-results";
import { SidePanels } from "./side-panels";
import { OwnerFilter } from "./owner-filter";
import { IndexTools } from "./index-tools";
import { useCurrentUser } from "../../lib/use-current-user";

const PAGE_SIZE = 20;

/** The search page's state lives in the URL: q, filters, view and page. */
function useSearchState() {
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const filters: SearchFilters = {
    type: (params.get("type") || undefined)?.split(",").filter(Boolean) as SearchType[] | undefined,
    status: params.get("status") || undefined,
    owner_id: params.get("owner_id") || undefined,
    date_from: params.get("date_from") || undefined,
    date_to: params.get("date_to") || undefined,
  };
  const view: ResultView = params.get("view") === "grid" ? "grid" : "list";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const update = (next: { q?: string; filters?: SearchFilters; view?: ResultView; page?: number }) => {
    const f = next.filters ?? filters;
    const p = new URLSearchParams();
    const nq = next.q ?? q;
    if (nq) p.set("q", nq);
    if (f.type?.length) p.set("type", f.type.join(","));
    for (const k of ["status", "owner_id", "date_from", "date_to"] as const) if (f[k]) p.set(k, f[k]!);
    if ((next.view ?? view) === "grid") p.set("view", "grid");
    const np = next.page ?? 1;
    if (np > 1) p.set("page", String(np));
    setParams(p);
  };
  return { q, filters, view, page, update };
}

/**
 * The plan's SearchPage: a query box, the filter sidebar, results grouped by type (or one type, paged),
 * list/grid toggle, history, saved and popular searches, and an empty state that suggests what to try.
 */
export function SearchPage({ types, ownerField, title = "Search" }: { types: SearchType[]; ownerField?: (filters: SearchFilters, onChange: (f: SearchFilters) => void) => React.ReactNode; title?: string | null }) {
  const { message } = App.useApp();
  const { q, filters, view, page, update } = useSearchState();
  const [draft, setDraft] = useState(q);
  const [groups, setGroups] = useState<SearchGroup[] | null>(null);
  const [typed, setTyped] = useState<{ hits: SearchHit[]; total: number } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [tookMs, setTookMs] = useState<number | null>(null);
  const [didYouMean, setDidYouMean] = useState<string | null>(null);
  const [windowSize, setWindowSize] = useState<number | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [saving, setSaving] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const nameInput = useRef<InputRef>(null);
  const [popular, setPopular] = useState<string[]>([]);
  const [form] = Form.useForm<{ name: string }>();
  const single = filters.type?.length === 1 ? filters.type[0] : null;
  const key = JSON.stringify([q, filters, page]);

  useEffect(() => setDraft(q), [q]);
  useEffect(() => {
    fetchPopular().then((p) => setPopular(p.map((x) => x.query)), () => setPopular([]));
  }, []);

  useEffect(() => {
    if (!q.trim()) {
      setGroups(null);
      setTyped(null);
      setError(null);
      setWindowSize(null);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    setFieldErrors({});
    const run = single
      ? searchType(single, q, filters, PAGE_SIZE, (page - 1) * PAGE_SIZE, ctrl.signal).then((r) => {
          setTyped({ hits: r.hits, total: r.total });
          setGroups(null);
          setTookMs(r.tookMs);
          setDidYouMean(r.didYouMean ?? null);
          setWindowSize(windowOf(r));
        })
      : searchGrouped(q, filters, 5, ctrl.signal).then((r) => {
          setGroups(r.groups);
          setTyped(null);
          setTookMs(r.tookMs);
          setDidYouMean(r.didYouMean ?? null);
          setWindowSize(windowOf(r));
        });
    run
      .then(() => setRefreshKey((k) => k + 1))
      .catch((e: { name?: string; message?: string; errors?: Record<string, string[]> }) => {
        if (e?.name === "CanceledError") return;
        setError(e?.message ?? "Search failed");
        setFieldErrors(e?.errors ?? {});
      })
      .finally(() => !ctrl.signal.aborted && setLoading(false));
    return () => ctrl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const total = useMemo(() => (typed ? typed.total : (groups ?? []).reduce((n, g) => n + g.total, 0)), [typed, groups]);
  // what others found something with, to try instead
  const popularToTry = popular.filter((p) => p.toLowerCase() !== q.trim().toLowerCase()).slice(0, 5);
  const empty = q.trim() && !loading && !error && ((typed && typed.hits.length === 0) || (groups && groups.length === 0));

  const openSave = () => {
    setSaveError(null);
    setSaving(true);
  };

  const save = async ({ name }: { name: string }) => {
    setSubmitting(true);
    setSaveError(null);
    try {
      await createSaved({ name, query: q, filters });
      message.success("Search saved");
      setSaving(false);
      setRefreshKey((k) => k + 1);
    } catch (e) {
      const { message: text, errors } = e as { message?: string; errors?: Record<string, string[]> };
      if (errors?.name) form.setFields([{ name: "name", errors: errors.name }]);
      else setSaveError(text || "Could not save the search");
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      {title && (
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      )}
      <Space.Compact style={{ width: "100%", maxWidth: 720 }}>
        <Input.Search
          size="large"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onSearch={(v) => update({ q: v.trim() })}
          placeholder="Names, e-mails, findings, words inside identifiers…"
          enterButton="Search"
          loading={loading}
          aria-label="Search query"
          data-testid="search-page-input"
        />
      </Space.Compact>
      {/* Three columns from xl on; narrower (a tablet, or a laptop beside the menu) the side columns would leave
          the results a third of the width, so the filters fold above the results and the searches follow them. */}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={6}>
          <FilterSidebar types={types} filters={filters} onChange={(f) => update({ filters: f })} ownerField={ownerField?.(filters, (f) => update({ filters: f }))} />
        </Col>
        <Col xs={24} xl={12}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Space style={{ width: "100%", justifyContent: "space-between" }} wrap>
              <Typography.Text type="secondary" data-testid="search-summary">
                {q.trim() ? (loading ? "Searching…" : `${total >= 1000 && !windowSize ? "1000+" : total.toLocaleString()} result${total === 1 ? "" : "s"}${single ? ` in ${TYPE_LABELS[single].toLowerCase()}` : ""}${windowSize ? ` among the newest ${windowSize.toLocaleString()}${single ? "" : " of each type"}` : ""}${tookMs !== null ? ` · ${tookMs} ms` : ""}`) : "Type a query to search."}
              </Typography.Text>
              <Space>
                <Button icon={<SaveOutlined />} disabled={!q.trim()} onClick={openSave}>
                  Save search
                </Button>
                <Segmented<ResultView>
                  value={view}
                  onChange={(v) => update({ view: v, page })}
                  options={[
                    { value: "list", icon: <BarsOutlined />, title: "List" },
                    { value: "grid", icon: <AppstoreOutlined />, title: "Grid" },
                  ]}
                  aria-label="Result layout"
                />
              </Space>
            </Space>
            {windowSize && !loading && !error && (
              <Alert
                type="info"
                showIcon
                data-testid="search-window"
                message={`A broad search: only the newest ${windowSize.toLocaleString()} ${!single ? "documents of each type" : single === "snippet" ? "snippets" : TYPE_LABELS[single].toLowerCase()} were searched.`}
                description="Add a word to narrow it down, or set a date range in the filters to look further back."
              />
            )}
            {error && <Alert type="error" showIcon message={error} description={Object.entries(fieldErrors).map(([f, m]) => `${f}: ${m.join(", ")}`).join(" · ") || undefined} />}
            {loading && !groups && !typed && <Spin style={{ display: "block", margin: 48 }} />}
            {empty && (
              <Empty
                description={
                  <Space direction="vertical" size={4}>
                    <Typography.Text strong>No results for “{q}”{filters.type || filters.status || filters.date_from || filters.date_to ? " with these filters" : ""}.</Typography.Text>
                    {didYouMean && (
                      <Typography.Text>
                        Did you mean{" "}
                        <Typography.Link strong data-testid="search-did-you-mean" onClick={() => update({ q: didYouMean })}>
                          {didYouMean}
                        </Typography.Link>
                        ?
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary">Try fewer or shorter words (the last one may be just a beginning, such as “invo”), or clear the filters. {IDENTIFIER_HINT}</Typography.Text>
                  </Space>
                }
                data-testid="search-empty"
              >
                <Space wrap>
                  {(filters.type || filters.status || filters.date_from || filters.date_to || filters.owner_id) && <Button onClick={() => update({ filters: {} })}>Clear filters</Button>}
                  {popularToTry.length > 0 && <Typography.Text type="secondary">Popular:</Typography.Text>}
                  {popularToTry.map((p) => (
                    <Tag key={p} style={{ cursor: "pointer" }} onClick={() => update({ q: p })}>
                      {p}
                    </Tag>
                  ))}
                </Space>
              </Empty>
            )}
            {!q.trim() && (
              <Empty
                description={
                  <Space direction="vertical" size={4}>
                    <Typography.Text>Search customers (by name or e-mail), projects, code, analyses and intakes.</Typography.Text>
                    <Typography.Text type="secondary">{IDENTIFIER_HINT}</Typography.Text>
                    <Typography.Text type="secondary">Press Ctrl K (⌘ K on a Mac) anywhere to search without leaving the page.</Typography.Text>
                  </Space>
                }
              />
            )}
            {groups && groups.length > 0 && <GroupedResults groups={groups} view={view} onShowType={(t) => update({ filters: { ...filters, type: [t] } })} />}
            {typed && typed.hits.length > 0 && (
              <>
                <TypeResults hits={typed.hits} view={view} />
                <Pagination current={page} pageSize={PAGE_SIZE} total={Math.min(typed.total, 1000)} showSizeChanger={false} onChange={(p) => update({ page: p })} />
              </>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={6}>
          <SidePanels onRun={(nq, f) => update({ q: nq, filters: f ?? {} })} refreshKey={refreshKey} />
        </Col>
      </Row>
      <Modal
        title="Save this search"
        open={saving}
        onCancel={() => setSaving(false)}
        afterOpenChange={(open) => open && nameInput.current?.focus()}
        okText="Save"
        okButtonProps={{ htmlType: "submit", loading: submitting }}
        destroyOnHidden
        modalRender={(dom) => (
          <Form form={form} layout="vertical" onFinish={save} clearOnDestroy>
            {dom}
          </Form>
        )}
      >
        <Typography.Paragraph type="secondary">“{q}” with the current filters.</Typography.Paragraph>
        {saveError && <Alert type="error" showIcon message={saveError} style={{ marginBottom: 16 }} data-testid="save-search-error" />}
        <Form.Item name="name" label="Name" rules={[{ required: true, whitespace: true, message: "Give it a name" }, { max: 80 }]}>
          <Input ref={nameInput} maxLength={80} data-testid="save-search-name" />
        </Form.Item>
      </Modal>
    </Space>
  );
}

export default function AdminSearchPage() {
  const { can } = useCurrentUser();
  const everything = can("search.admin");
  // Title first, then the tabs, as on every other page with tabs (Logs & Audit Trail, Support settings).
  return (
    <List title="Search">
      <Tabs
        items={[
          {
            key: "search",
            label: "Search",
            children: (
              <Space direction="vertical" style={{ width: "100%" }}>
                {!everything && <Alert type="info" showIcon message="Searching across customers needs the search.admin permission; without it you only find your own documents." />}
                <SearchPage
                  title={null}
                  types={searchTypesFor(everything)}
                  ownerField={everything ? (filters, onChange) => <OwnerFilter value={filters.owner_id} onChange={(id) => onChange({ ...filters, owner_id: id })} /> : undefined}
                />
              </Space>
            ),
          },
          ...(everything ? [{ key: "index", label: "Index & reports", children: <IndexTools /> }] : []),
        ]}
      />
    </List>
  );
}
