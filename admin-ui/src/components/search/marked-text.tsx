import type { CSSProperties } from "react";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);

/**
 * Renders the server's highlighted text without dangerouslySetInnerHTML: the string is split on the
 * literal <mark> tags, every other piece is un-escaped back to plain text and React renders it as text,
 * so nothing in a snippet or a name can become markup.
 */
export function MarkedText({ html, style, code }: { html: string; style?: CSSProperties; code?: boolean }) {
  const parts = html.split(/(<mark>|<\/mark>)/);
  const out: React.ReactNode[] = [];
  let marked = false;
  parts.forEach((part, i) => {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) out.push(marked ? <mark key={i} style={{ padding: 0, background: "#ffe58f" }}>{unescape(part)}</mark> : <span key={i}>{unescape(part)}</span>);
  });
  return <span style={{ ...(code ? { fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace", fontSize: 12 } : {}), ...style }}>{out}</span>;
}
