/** Whether a key press goes into a field (an input, a text area, a select or an editable element). */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/** Whether a dialog or a confirmation is showing (antd keeps a closed one in the page, hidden). */
export function dialogOpen(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>("[role=dialog], .ant-popconfirm")).some((d) => d.getClientRects().length > 0);
}

/** The modifier key of shortcuts as the reader's keyboard labels it. */
export const MOD = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";
