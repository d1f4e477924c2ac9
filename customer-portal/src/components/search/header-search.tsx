import { useEffect, useRef, useState } from 'react';
import { AutoComplete, Grid, Input, Select, Space, Typography, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { fetchSuggestions, type SearchType } from './search-api';
import { TYPE_LABELS } from './search-labels';
import { openSearchPalette, SearchPalette, type PaletteLink } from './search-palette';
import { MOD, dialogOpen, isTyping } from '../../lib/keys';


/**
 * The header's search box: a scope (everything, or one of `scopes`), live suggestions from the server as
 * you type (typo-tolerant), Enter opens the search page in that scope; the keyboard hint opens the Cmd+K
 * palette (mounted here, once per layout). On a phone the scope gives its room to the box.
 */
export function HeaderSearch({ links, scopes = [], width = 320 }: { links?: PaletteLink[]; scopes?: SearchType[]; width?: number }) {
  const { md } = Grid.useBreakpoint(); // no keyboard on a phone: the hint would only take the box's room
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [scope, setScope] = useState<SearchType | 'all'>('all');
  const type = md && scope !== 'all' ? scope : undefined;
  const [options, setOptions] = useState<Array<{ value: string; label: React.ReactNode }>>([]);
  const input = useRef<InputRef>(null);

  // "/" jumps to the box, as in most web apps, unless the reader is typing somewhere else or a dialog or confirmation is open
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || dialogOpen()) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const q = value.trim();
    if (q.length < 2) {
      setOptions([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(q, ctrl.signal, type)
        .then((s) => setOptions(s.map((t) => ({ value: t, label: <span data-testid="header-search-suggestion">{t}</span> }))))
        .catch(() => setOptions([]));
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [value, type]);

  const submit = (q: string) => {
    const term = q.trim();
    if (!term) return;
    setOptions([]);
    navigate(`/search?q=${encodeURIComponent(term)}${type ? `&type=${type}` : ''}`);
  };

  return (
    <>
      <Space.Compact>
        {md && scopes.length > 0 && (
          <Select
            value={scope}
            onChange={setScope}
            options={[{ value: 'all', label: 'All' }, ...scopes.map((t) => ({ value: t, label: TYPE_LABELS[t] }))]}
            popupMatchSelectWidth={false}
            style={{ width: 112 }}
            aria-label="Search in"
            data-testid="header-search-scope"
          />
        )}
        <AutoComplete
          value={value}
          options={options}
          onChange={setValue}
          onSelect={(v: string) => submit(v)}
          style={{ width, maxWidth: '40vw' }}
          popupMatchSelectWidth={width}
          defaultActiveFirstOption={false}
          classNames={{ popup: { root: "header-search-popup" } }}
        >
          <Input
            ref={input}
            prefix={<SearchOutlined />}
            placeholder={md ? 'Type / to search' : 'Search'}
            aria-label="Search"
            data-testid="header-search"
            allowClear
            onPressEnter={(e) => {
              // a highlighted suggestion is handled by onSelect (the scope's list has highlighted options too)
              if (!document.querySelector('.header-search-popup .ant-select-item-option-active')) submit((e.target as HTMLInputElement).value);
            }}
            suffix={
              md && (
              <Typography.Text keyboard type="secondary" style={{ cursor: 'pointer', fontSize: 11 }} onClick={openSearchPalette} title="Open the search palette">
                {MOD} K
              </Typography.Text>
              )
            }
          />
        </AutoComplete>
      </Space.Compact>
      <SearchPalette links={links} />
    </>
  );
}
