import type { MouseEvent, ReactNode } from 'react';
import { theme } from 'antd';
import './skip-link.css';

const MAIN_CONTENT = 'main-content';

function skip(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault(); // focus moves; the URL keeps no "#main-content"
  document.getElementById(MAIN_CONTENT)?.focus();
}

/**
 * "Skip to content": the first thing Tab reaches, shown only then, so a keyboard user need not go through
 * the menu and the header on every page.
 */
export function SkipLink() {
  const { token } = theme.useToken();
  return (
    <a className="skip-link" href={`#${MAIN_CONTENT}`} onClick={skip} style={{ color: token.colorLink }}>
      Skip to content
    </a>
  );
}

/** Where the skip link lands: the page itself. */
export function MainContent({ children }: { children: ReactNode }) {
  return (
    <div id={MAIN_CONTENT} tabIndex={-1} className="main-content">
      {children}
    </div>
  );
}
