import { useCallback, useEffect, useState } from "react";
import { App, Button, Card, Empty, Flex, List, Popconfirm, Space, Tag, Typography } from "antd";
import { DeleteOutlined } from "@ant-design/icons";
import { clearHistory, deleteSaved, fetchHistory, fetchPopular, fetchSaved, type SavedSearch, type SearchFilters } from "../../components/search/search-api";
import { formatRelative } from "../../lib/format";

/** History, saved searches and popular searches beside the results; each entry re-runs its search. */
export function SidePanels({ onRun, refreshKey }: { onRun: (q: string, filters?: SearchFilters) => void; refreshKey: number }) {
  const { message } = App.useApp();
  const [history, setHistory] = useState<Array<{ query: string; searchedAt: string }> | null>(null);
  const [saved, setSaved] = useState<SavedSearch[] | null>(null);
  const [popular, setPopular] = useState<Array<{ query: string; count: number }>>([]);
  const [failed, setFailed] = useState(false);

  const load = useCallback(() => {
    Promise.all([fetchHistory(), fetchSaved(), fetchPopular()])
      .then(([h, s, p]) => {
        setHistory(h);
        setSaved(s);
        setPopular(p);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, []);
  useEffect(load, [load, refreshKey]);

  if (failed) return <Card size="small"><Typography.Text type="danger">Could not load your searches.</Typography.Text> <Button size="small" onClick={load}>Retry</Button></Card>;

  // Flex, not Space: an inline-flex Space sits on the line's baseline, a few pixels below the top of the filters beside it
  return (
    <Flex vertical gap="middle">
      <Card size="small" title="Saved searches" loading={saved === null} data-testid="saved-searches">
        {saved?.length ? (
          <List
            size="small"
            dataSource={saved}
            renderItem={(s) => (
              <List.Item
                actions={[
                  <Popconfirm key="d" title={`Delete the saved search “${s.name}”?`} okText="Delete" okButtonProps={{ danger: true }} onConfirm={() => deleteSaved(s.id).then(load, () => message.error("Could not delete it"))}>
                    <Button type="text" size="small" icon={<DeleteOutlined />} aria-label={`Delete ${s.name}`} />
                  </Popconfirm>,
                ]}
              >
                <Typography.Link onClick={() => onRun(s.query, s.filters)}>{s.name}</Typography.Link>
              </List.Item>
            )}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Save a search to run it again in one click." />
        )}
      </Card>
      <Card
        size="small"
        title="Recent searches"
        loading={history === null}
        extra={!!history?.length && (
          <Popconfirm title="Clear your search history?" okText="Clear" onConfirm={() => clearHistory().then(load, () => message.error("Could not clear it"))}>
            <Button type="link" size="small">Clear</Button>
          </Popconfirm>
        )}
      >
        {history?.length ? (
          <List
            size="small"
            dataSource={history.slice(0, 8)}
            renderItem={(h) => (
              <List.Item extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatRelative(h.searchedAt)}</Typography.Text>}>
                <Typography.Link onClick={() => onRun(h.query)}>{h.query}</Typography.Link>
              </List.Item>
            )}
          />
        ) : (
          <Typography.Text type="secondary">Your searches appear here.</Typography.Text>
        )}
      </Card>
      {popular.length > 0 && (
        <Card size="small" title="Popular searches">
          <Space wrap>
            {popular.map((p) => (
              <Tag key={p.query} style={{ cursor: "pointer" }} onClick={() => onRun(p.query)}>
                {p.query}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
    </Flex>
  );
}
