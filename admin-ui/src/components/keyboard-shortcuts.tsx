import { useEffect, useState } from "react";
import { Flex, Modal, Typography } from "antd";
import { MOD, dialogOpen, isTyping } from "../lib/keys";

const SHORTCUTS: Array<{ keys: string[]; does: string }> = [
  { keys: [MOD, "K"], does: "Search everything: pages, customers, tickets, invoices, code" },
  { keys: ["/"], does: "Type in the search box at the top" },
  { keys: [MOD, "Shift", "K"], does: "Commands: go to a section or create a record" },
  { keys: ["?"], does: "Show these shortcuts" },
  { keys: ["Esc"], does: "Close a dialog or the search" },
];

/** "?" (outside a field, with no dialog open) lists the keyboard shortcuts. Mounted once, in the header. */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // the focus stays where "?" was pressed, outside the dialog, so Esc is heard here too
      if (e.key === "Escape") return setOpen(false);
      if (e.key !== "?" || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target) || dialogOpen()) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return (
    <Modal title="Keyboard shortcuts" open={open} onCancel={() => setOpen(false)} footer={null} width={520} destroyOnHidden>
      <Flex vertical gap={12} component="dl" style={{ margin: "16px 0 0" }}>
        {SHORTCUTS.map((s) => (
          <Flex key={s.does} gap={16} align="baseline">
            <dt style={{ flex: "0 0 150px", margin: 0, whiteSpace: "nowrap" }}>
              {s.keys.map((k) => (
                <Typography.Text keyboard key={k}>
                  {k}
                </Typography.Text>
              ))}
            </dt>
            <dd style={{ margin: 0 }}>{s.does}</dd>
          </Flex>
        ))}
      </Flex>
    </Modal>
  );
}
