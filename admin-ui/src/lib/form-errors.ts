import type { FormInstance } from "antd";
import { isApiError } from "../providers/http";

/**
 * Puts the server's field errors (`errors: { field: string[] }`) on the matching form fields.
 * Returns true when at least one field of the form got a message, so callers can skip a generic alert.
 */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || !error.errors) return false;
  // Only fields rendered in this form; other keys (e.g. "token") are left to the caller.
  const known = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const fields = Object.entries(error.errors)
    .filter(([name]) => known.has(name))
    .map(([name, messages]) => ({ name, errors: Array.isArray(messages) ? messages : [String(messages)] }));
  form.setFields(fields);
  return fields.length > 0;
}
