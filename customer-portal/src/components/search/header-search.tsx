import { useEffect, useState } from 'react';
import { AutoComplete, Grid, Input, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { fetchSuggestions } from './search-api';
import { openSearchPalette, SearchPalette, type PaletteLink } from './search-palette';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * The header's search box: live suggestions from the server as you type (typo-tolerant), Enter opens the
 * search page; the keyboard hint opens the Cmd+K palette (mounted here, once per layout).
 */
export function HeaderSearch({ links, width = 320 }: { links?: PaletteLink[]; width?: number }) {
  const { md } = Grid.useBreakpoint(); // no keyboard on a phone: the hint would only take the box's room
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [options, setOptions] = useState<Array<{ value: string; label: React.ReactNode }>>([]);

  useEffect(() => {
    const q = value.trim();
    if (q.length < 2) {
      setOptions([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(q, ctrl.signal)
        .then((s) => setOptions(s.map((t) => ({ value: t, label: <span data-testid="header-search-suggestion">{t}</span> }))))
        .catch(() => setOptions([]));
    }, 150);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [value]);

  const submit = (q: string) => {
    const term = q.trim();
    if (!term) return;
    setOptions([]);
    navigate(`/search?q=${encodeURIComponent(term)}`);
  };

  return (
    <>
      <AutoComplete
        value={value}
        options={options}
        onChange={setValue}
        onSelect={(v: string) => submit(v)}
        style={{ width, maxWidth: '40vw' }}
        popupMatchSelectWidth={width}
        defaultActiveFirstOption={false}
      >
        <Input
          prefix={<SearchOutlined />}
          placeholder="Search"
          aria-label="Search"
          data-testid="header-search"
          allowClear
          onPressEnter={(e) => {
            // a highlighted suggestion is handled by onSelect
            if (!document.querySelector('.ant-select-item-option-active')) submit((e.target as HTMLInputElement).value);
          }}
          suffix={
            md && (
            <Typography.Text keyboard type="secondary" style={{ cursor: 'pointer', fontSize: 11 }} onClick={openSearchPalette} title="Open the search palette">
              {isMac ? '⌘' : 'Ctrl'} K
            </Typography.Text>
            )
          }
        />
      </AutoComplete>
      <SearchPalette links={links} />
    </>
  );
}
