import { Typography, theme } from "antd";

/** Pretty-printed JSON in a monospace, scrollable block (audit before/after values). */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { token } = theme.useToken();
  const empty = value === null || value === undefined;
  return (
    <div style={{ minWidth: 0, flex: "1 1 320px" }}>
      <Typography.Text strong>{title}</Typography.Text>
      <pre
        style={{
          margin: "4px 0 0",
          padding: 12,
          maxHeight: 320,
          overflow: "auto",
          fontFamily: token.fontFamilyCode,
          fontSize: 12,
          lineHeight: 1.5,
          background: token.colorFillQuaternary,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadius,
          whiteSpace: "pre-wrap",
          wordBreak: "break-word",
        }}
      >
        {empty ? <Typography.Text type="secondary">(none)</Typography.Text> : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}
