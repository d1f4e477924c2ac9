import { useEffect, useRef, useState, type CSSProperties } from "react";
import { Input } from "antd";

interface DebouncedSearchProps {
  /** The search currently applied (from the table's filters). */
  value: string;
  onSearch: (value: string) => void;
  placeholder: string;
  delay?: number;
  /** Show the search button beside the box (the main search of a list). */
  enterButton?: boolean;
  "data-testid"?: string;
  style?: CSSProperties;
}

/**
 * A search box that applies what is typed after a short pause, or at once on Enter. It follows the
 * applied value when that changes elsewhere (e.g. "Clear filters").
 */
export function DebouncedSearch({ value, onSearch, placeholder, delay = 350, enterButton = true, style, ...rest }: DebouncedSearchProps) {
  const [text, setText] = useState(value);
  const applied = useRef(value);

  useEffect(() => {
    applied.current = value;
    setText(value);
  }, [value]);

  const apply = (next: string) => {
    const trimmed = next.trim();
    if (trimmed === applied.current) return;
    applied.current = trimmed;
    onSearch(trimmed);
  };

  useEffect(() => {
    if (text.trim() === applied.current) return;
    const timer = setTimeout(() => apply(text), delay);
    return () => clearTimeout(timer);
    // `apply` is recreated each render; only a change of the text should restart the timer.
  }, [text, delay]);

  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      aria-label={placeholder}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onSearch={(next) => apply(next)}
      style={style}
      data-testid={rest["data-testid"]}
      enterButton={enterButton}
    />
  );
}
