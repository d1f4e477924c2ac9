import type { CSSProperties } from 'react';

const hidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * A label only screen readers (and getByLabel) see. antd's Select copies `aria-label` onto both its
 * wrapper and its input, so filters are labelled this way instead, through the input's id.
 */
export function VisuallyHiddenLabel({ htmlFor, children }: { htmlFor: string; children: string }) {
  return (
    <label htmlFor={htmlFor} style={hidden}>
      {children}
    </label>
  );
}
