import type { z } from 'zod';
import { AppError, fieldErrors } from './errors';

/** Parses input with a zod schema; failures become a 400 with messages per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params' = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = fieldErrors();
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join('.') : where;
    (errors[field] ??= []).push(humanMessage(issue));
  }
  if (where === 'params') throw AppError.notFound();
  throw AppError.validation(errors);
}

function humanMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined) return 'Required';
  if (issue.code === 'unrecognized_keys') return `Unknown field(s): ${issue.keys.join(', ')}`;
  return issue.message;
}
