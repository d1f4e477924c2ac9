import { Typography } from 'antd';

/**
 * A finding's message as text, with its `backtick` spans (identifiers the analyzer quotes) shown as inline
 * code. Built from React elements only, so whatever the message holds is never read as HTML.
 */
export function FindingMessage({ text }: { text: string }) {
  // Splitting on a captured group puts the quoted spans at the odd indexes.
  const parts = text.split(/`([^`\n]+)`/);
  return (
    <span data-testid="finding-message">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <Typography.Text code key={i}>
            {part}
          </Typography.Text>
        ) : (
          part
        ),
      )}
    </span>
  );
}
