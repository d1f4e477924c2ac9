import type { FormInstance } from 'antd';
import { toApiError, type ApiError } from '../providers/http';

/**
 * Puts the server's field errors under the matching fields of a hand-written antd form (Refine's
 * `useForm` does this itself) and returns what is left to show above the form: the message, unless
 * every field error found its field. `aliases` maps error codes that name a field (`email_taken`).
 */
export function applyServerErrors(
  form: FormInstance,
  error: unknown,
  aliases: Record<string, string> = {},
): string | null {
  const apiError: ApiError = toApiError(error);
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const fieldErrors: Record<string, string[]> = { ...(apiError.errors ?? {}) };
  const aliasField = aliases[apiError.code];
  if (aliasField && !fieldErrors[aliasField]) fieldErrors[aliasField] = [apiError.message];

  const placed = Object.entries(fieldErrors).filter(([field]) => known.has(field));
  form.setFields(placed.map(([name, errors]) => ({ name, errors })));
  const unplaced = Object.entries(fieldErrors).filter(([field]) => !known.has(field));

  if (placed.length && !unplaced.length) return null;
  if (unplaced.length) return unplaced.map(([field, errors]) => `${field}: ${errors.join(', ')}`).join('; ');
  return apiError.message;
}
