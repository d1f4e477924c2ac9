import { z } from 'zod';
import { LANGUAGES, PROJECT_STATUSES } from './project.models';

const name = z.string().trim().min(1, 'Required').max(120, 'Use at most 120 characters');
const description = z.string().trim().max(5000, 'Use at most 5,000 characters');
const completion = z.number({ error: 'Must be a number' }).int('Must be a whole number').min(0, 'Must be between 0 and 100').max(100, 'Must be between 0 and 100');

export const createProjectBody = z.strictObject({ name, description: description.optional(), status: z.enum(PROJECT_STATUSES).optional(), completionPercentage: completion.optional() });
export const updateProjectBody = createProjectBody.partial();

const filename = z.string().trim().min(1, 'Required').max(255, 'Use at most 255 characters').refine((f) => !/[\\\0]/.test(f) && !f.startsWith('/') && !f.split('/').includes('..'), 'A file name or a relative path such as src/app.ts');
const language = z.enum(LANGUAGES, { error: `Use one of: ${LANGUAGES.join(', ')}` });

export const createSnippetBody = (maxBytes: number) =>
  z.strictObject({
    filename,
    language,
    content: z.string().refine((c) => Buffer.byteLength(c, 'utf8') <= maxBytes, `Snippets are limited to ${Math.round(maxBytes / 1024)} KB`),
  });
export const updateSnippetBody = (maxBytes: number) => createSnippetBody(maxBytes).partial();
