import { Button, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { MarkedText } from '../../components/search/marked-text';
import { useRecentItems, type SearchGroup, type SearchHit, type SearchType } from '../../components/search/search-api';
import { languageColor, languageLabel, TYPE_ICONS, TYPE_LABELS } from '../../components/search/search-labels';
import { formatDate, humanize } from '../../lib/format';

export type ResultView = 'list' | 'grid';

function Meta({ hit }: { hit: SearchHit }) {
  const m = hit.metadata;
  return (
    <Space size={4} wrap style={{ fontSize: 12 }}>
      {m.status && <Tag>{humanize(m.status)}</Tag>}
      {typeof m.language === 'string' && <Tag color={languageColor(m.language)}>{languageLabel(m.language)}</Tag>}
      {typeof m.confidence === 'number' && <Tag color="purple">{Math.round(m.confidence * 100)}% confidence</Tag>}
      {typeof m.email === 'string' && <Typography.Text type="secondary">{m.email}</Typography.Text>}
      {m.ownerName && <Typography.Text type="secondary">{m.ownerName}</Typography.Text>}
      <Typography.Text type="secondary">{formatDate(m.date)}</Typography.Text>
    </Space>
  );
}

function HitTitle({ hit }: { hit: SearchHit }) {
  const { remember } = useRecentItems();
  return (
    <Link to={hit.link} onClick={() => remember({ type: hit.type, title: hit.title, link: hit.link })} data-testid="search-hit-link">
      <span style={{ marginInlineEnd: 6 }}>{TYPE_ICONS[hit.type]}</span>
      <MarkedText html={hit.highlight.title} code={hit.type === 'snippet'} />
    </Link>
  );
}

/** One hit as a list row or a grid card: title and excerpt with the matches marked, then metadata. */
function Hits({ hits, view }: { hits: SearchHit[]; view: ResultView }) {
  if (view === 'grid') {
    return (
      <Row gutter={[12, 12]}>
        {hits.map((hit) => (
          <Col key={`${hit.type}-${hit.id}`} xs={24} sm={12} xxl={8}>
            <Card size="small" style={{ height: '100%' }} data-testid="search-hit">
              <Typography.Paragraph strong ellipsis={{ rows: 2, tooltip: hit.title }} style={{ marginBottom: 4 }}>
                <HitTitle hit={hit} />
              </Typography.Paragraph>
              {hit.highlight.excerpt && (
                <Typography.Paragraph ellipsis={{ rows: 3 }} style={{ marginBottom: 8 }}>
                  <MarkedText html={hit.highlight.excerpt} code={hit.type === 'snippet'} />
                </Typography.Paragraph>
              )}
              <Meta hit={hit} />
            </Card>
          </Col>
        ))}
      </Row>
    );
  }
  return (
    <List
      dataSource={hits}
      rowKey={(h) => `${h.type}-${h.id}`}
      renderItem={(hit) => (
        <List.Item data-testid="search-hit">
          <List.Item.Meta
            title={<HitTitle hit={hit} />}
            description={
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                {hit.highlight.excerpt && <MarkedText html={hit.highlight.excerpt} code={hit.type === 'snippet'} />}
                <Meta hit={hit} />
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** The plan's SearchResults: hits grouped by type, each group with its total and a way to see all of it. */
export function GroupedResults({ groups, view, onShowType }: { groups: SearchGroup[]; view: ResultView; onShowType: (t: SearchType) => void }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {groups.map((g) => (
        <Card
          key={g.type}
          size="small"
          title={
            <Space>
              {TYPE_ICONS[g.type]}
              {TYPE_LABELS[g.type]}
              <Tag>{g.total >= 1000 ? '1000+' : g.total}</Tag>
            </Space>
          }
          extra={g.total > g.hits.length && <Button type="link" onClick={() => onShowType(g.type)}>Show all {TYPE_LABELS[g.type].toLowerCase()}</Button>}
          data-testid={`search-group-${g.type}`}
        >
          <Hits hits={g.hits} view={view} />
        </Card>
      ))}
    </Space>
  );
}

export function TypeResults({ hits, view }: { hits: SearchHit[]; view: ResultView }) {
  return <Hits hits={hits} view={view} />;
}
