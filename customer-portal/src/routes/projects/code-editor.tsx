import { useRef, type KeyboardEvent } from 'react';
import { Input, type GetRef } from 'antd';

type TextAreaRef = GetRef<typeof Input.TextArea>;

export const MONOSPACE = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";
const INDENT = '  ';

type Props = {
  value?: string;
  onChange?: (value: string) => void;
  rows?: number;
  id?: string;
  placeholder?: string;
  'aria-invalid'?: boolean;
};

/**
 * A plain textarea for code: monospace, no spell-check or autocorrect, and Tab inserts two spaces
 * (Shift+Tab and Esc-then-Tab still move focus, so keyboard users are not trapped). Esc in it goes no
 * further: a second Esc, once out of the editor, closes what it sits in.
 */
export function CodeEditor({ value, onChange, rows = 20, ...rest }: Props) {
  const ref = useRef<TextAreaRef>(null);
  const escaped = useRef(false);

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      // Esc here only lets the next Tab leave the editor: it does not close the drawer or dialog around it
      event.stopPropagation();
      escaped.current = true;
      return;
    }
    if (event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey || escaped.current) {
      escaped.current = false;
      return;
    }
    event.preventDefault();
    const textarea = event.currentTarget;
    const { selectionStart, selectionEnd } = textarea;
    const current = value ?? '';
    onChange?.(current.slice(0, selectionStart) + INDENT + current.slice(selectionEnd));
    // React re-renders the controlled value first; put the caret after the inserted spaces afterwards.
    const caret = selectionStart + INDENT.length;
    requestAnimationFrame(() => ref.current?.resizableTextArea?.textArea.setSelectionRange(caret, caret));
  };

  return (
    <Input.TextArea
      {...rest}
      ref={ref}
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      onKeyDown={onKeyDown}
      rows={rows}
      spellCheck={false}
      autoCapitalize="off"
      autoCorrect="off"
      autoComplete="off"
      wrap="off"
      data-testid="snippet-code"
      style={{ fontFamily: MONOSPACE, fontSize: 13, lineHeight: 1.5, tabSize: 2, whiteSpace: 'pre', overflowX: 'auto' }}
    />
  );
}
