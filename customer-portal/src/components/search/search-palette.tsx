import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Empty, Input, Modal, Spin, Tag, Typography, theme, type InputRef } from 'antd';
import { ClockCircleOutlined, EnterOutlined, HistoryOutlined, SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { fetchHistory, searchGrouped, useRecentItems, type SearchHit } from './search-api';
import { MarkedText } from './marked-text';
import { IDENTIFIER_HINT, TYPE_ICONS, TYPE_LABELS } from './search-labels';
import { humanize } from '../../lib/format';

/** Opens the palette from anywhere (the header box dispatches it). */
export const OPEN_PALETTE_EVENT = 'socrates:open-search-palette';
export const openSearchPalette = () => window.dispatchEvent(new Event(OPEN_PALETTE_EVENT));

interface Item {
  key: string;
  group: string;
  icon: React.ReactNode;
  title: React.ReactNode;
  subtitle?: React.ReactNode;
  /** Where Enter goes. */
  link: string;
  hit?: SearchHit;
}

/** Extra entries a UI adds (the console's sections), matched by label. */
export interface PaletteLink {
  label: string;
  link: string;
  icon?: React.ReactNode;
}

/**
 * The Cmd+K / Ctrl+K palette: queries the server as you type (debounced, older requests aborted), shows
 * recent items and searches before you type, arrow keys move, Enter opens.
 */
export function SearchPalette({ links = [] }: { links?: PaletteLink[] }) {
  const { recent, remember } = useRecentItems();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [didYouMean, setDidYouMean] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [history, setHistory] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const listId = useId();
  const inputRef = useRef<InputRef>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k') {
        // capture phase, stopped here: no other Cmd+K handler opens a second palette
        e.preventDefault();
        e.stopPropagation();
        setOpen((o) => !o);
      }
    };
    const onOpen = () => setOpen(true);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener(OPEN_PALETTE_EVENT, onOpen);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener(OPEN_PALETTE_EVENT, onOpen);
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    setQ('');
    setHits([]);
    setActive(0);
    fetchHistory()
      .then((h) => setHistory(h.slice(0, 5).map((x) => x.query)))
      .catch(() => setHistory([]));
  }, [open]);

  useEffect(() => {
    if (!open || !q.trim()) {
      setHits([]);
      setDidYouMean(null);
      setLoading(false);
      setError(null);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      searchGrouped(q, {}, 4, ctrl.signal)
        .then((r) => {
          setHits(r.groups.flatMap((g) => g.hits));
          setDidYouMean(r.didYouMean ?? null);
          setError(null);
          setActive(0);
        })
        .catch((e: { name?: string; message?: string }) => {
          if (e?.name !== 'CanceledError') setError(e?.message ?? 'Search failed');
        })
        .finally(() => !ctrl.signal.aborted && setLoading(false));
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q, open]);

  const items: Item[] = useMemo(() => {
    const term = q.trim();
    if (!term) {
      return [
        ...recent().map((r, i) => ({ key: `recent-${i}`, group: 'Recently opened', icon: TYPE_ICONS[r.type], title: r.title, subtitle: TYPE_LABELS[r.type], link: r.link })),
        ...history.map((h, i) => ({ key: `history-${i}`, group: 'Recent searches', icon: <HistoryOutlined />, title: h, link: `/search?q=${encodeURIComponent(h)}` })),
        ...links.map((l) => ({ key: `link-${l.link}`, group: 'Go to', icon: l.icon ?? <EnterOutlined />, title: l.label, link: l.link })),
      ];
    }
    const lower = term.toLowerCase();
    return [
      ...hits.map((h) => ({
        key: `${h.type}-${h.id}`,
        group: TYPE_LABELS[h.type],
        icon: TYPE_ICONS[h.type],
        title: <MarkedText html={h.highlight.title} />,
        // an e-mail is metadata, quoted in the excerpt only when it is what matched
        subtitle: h.highlight.excerpt ? <MarkedText html={h.highlight.excerpt} code={h.type === 'snippet'} /> : typeof h.metadata.email === 'string' ? h.metadata.email : undefined,
        link: h.link,
        hit: h,
      })),
      ...links.filter((l) => l.label.toLowerCase().includes(lower)).map((l) => ({ key: `link-${l.link}`, group: 'Go to', icon: l.icon ?? <EnterOutlined />, title: l.label, link: l.link })),
      ...(didYouMean && !hits.length ? [{ key: 'didYouMean', group: 'Did you mean', icon: <SearchOutlined />, title: didYouMean, link: `/search?q=${encodeURIComponent(didYouMean)}` }] : []),
      { key: 'all', group: 'Search', icon: <SearchOutlined />, title: `See all results for “${term}”`, link: `/search?q=${encodeURIComponent(term)}` },
    ];
  }, [q, hits, didYouMean, history, links, recent]);

  const go = useCallback(
    (item: Item | undefined) => {
      if (!item) return;
      if (item.hit) remember({ type: item.hit.type, title: item.hit.title, link: item.hit.link });
      setOpen(false);
      navigate(item.link);
    },
    [navigate, remember],
  );

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      go(items[active]);
    }
  };

  let lastGroup = '';
  return (
    <Modal
      open={open}
      onCancel={() => setOpen(false)}
      // The dialog takes focus itself when it opens (autoFocus loses to it): hand it to the box once open,
      // so Cmd+K and typing is all it takes.
      afterOpenChange={(visible) => visible && inputRef.current?.focus()}
      footer={null}
      closable={false}
      width={640}
      destroyOnHidden
      styles={{ body: { padding: 0 } }}
      title={null}
      aria-label="Search"
    >
      <div style={{ padding: 12, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
        <Input
          ref={inputRef}
          autoFocus
          size="large"
          variant="borderless"
          prefix={loading ? <Spin size="small" /> : <SearchOutlined />}
          placeholder="Search projects, code, analyses, intakes…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={onKeyDown}
          aria-label="Search everything"
          role="combobox"
          aria-expanded={items.length > 0}
          aria-controls={listId}
          aria-activedescendant={items.length > 0 ? `${listId}-${active}` : undefined}
          aria-autocomplete="list"
          data-testid="search-palette-input"
        />
      </div>
      <div ref={listRef} id={listId} role="listbox" aria-label="Results" tabIndex={-1} style={{ maxHeight: 420, overflowY: 'auto', padding: '4px 0' }} data-testid="search-palette-results">
        {error && <Typography.Text type="danger" style={{ display: 'block', padding: 16 }}>{error}</Typography.Text>}
        {!error && q.trim() && !loading && hits.length === 0 && (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<>No matches for “{q.trim()}”. Try one word of a name. {IDENTIFIER_HINT}</>} />
        )}
        {!q.trim() && items.length === 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', padding: 16 }}>
            <ClockCircleOutlined /> Start typing: results appear as you type. Recent items show up here.
          </Typography.Text>
        )}
        {items.map((item, i) => {
          const header = item.group !== lastGroup ? item.group : null;
          lastGroup = item.group;
          return (
            <div key={item.key}>
              {header && (
                <Typography.Text type="secondary" style={{ display: 'block', padding: '8px 16px 4px', fontSize: 12, textTransform: 'uppercase' }}>
                  {header}
                </Typography.Text>
              )}
              <div
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                data-index={i}
                data-testid="search-palette-item"
                onMouseEnter={() => setActive(i)}
                onClick={() => go(item)}
                style={{ display: 'flex', gap: 12, padding: '8px 16px', cursor: 'pointer', background: i === active ? token.colorPrimaryBg : undefined, alignItems: 'flex-start' }}
              >
                <span style={{ color: token.colorTextSecondary, paddingTop: 2 }}>{item.icon}</span>
                <div style={{ minWidth: 0, flex: 1 }}>
                  <div style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{item.title}</div>
                  {item.subtitle && <div style={{ color: token.colorTextSecondary, fontSize: 12, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{item.subtitle}</div>}
                </div>
                {item.hit?.metadata.status && <Tag>{humanize(item.hit.metadata.status)}</Tag>}
                {i === active && <EnterOutlined style={{ color: token.colorTextTertiary, paddingTop: 4 }} />}
              </div>
            </div>
          );
        })}
      </div>
      <div style={{ padding: '6px 16px', borderTop: `1px solid ${token.colorBorderSecondary}`, color: token.colorTextTertiary, fontSize: 12 }}>
        <Typography.Text keyboard>↑</Typography.Text>
        <Typography.Text keyboard>↓</Typography.Text> to move · <Typography.Text keyboard>Enter</Typography.Text> to open · <Typography.Text keyboard>Esc</Typography.Text> to close · <Typography.Text keyboard>?</Typography.Text> for all shortcuts
      </div>
    </Modal>
  );
}
