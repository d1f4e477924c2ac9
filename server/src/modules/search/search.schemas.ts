import { z } from 'zod';
import { SEARCH_TYPES } from './search-engine';
import { isoDay } from '../../http/dates';

/** `type=project,snippet` or repeated `type=…`; unknown types are a field error. */
const typeList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(z.enum(SEARCH_TYPES, { error: `Choose from ${SEARCH_TYPES.join(', ')}` })).max(SEARCH_TYPES.length));

const filterFields = {
  type: typeList.optional(),
  status: z.string().trim().min(1).max(40).regex(/^[a-z_]+$/, 'Letters and underscores only').optional(),
  owner_id: z.string().uuid('Not a valid id').optional(),
  date_from: isoDay.optional(),
  date_to: isoDay.optional(),
};

const dateOrder = <T extends { date_from?: string; date_to?: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.date_from && v.date_to && v.date_from > v.date_to) ctx.addIssue({ code: 'custom', path: ['date_to'], message: 'Must be on or after date_from' });
};

export const searchQuery = z
  .object({
    q: z.string().trim().max(200, 'At most 200 characters').default(''),
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict()
  .superRefine(dateOrder);
export type SearchQuery = z.infer<typeof searchQuery>;

export const suggestionsQuery = z
  .object({
    q: z.string().trim().max(100, 'At most 100 characters').default(''),
    type: typeList.optional(),
    limit: z.coerce.number().int().min(1).max(20).default(8),
  })
  .strict();
export type SuggestionsQuery = z.infer<typeof suggestionsQuery>;

export const savedFilters = z
  .object({
    type: z.array(z.enum(SEARCH_TYPES)).max(SEARCH_TYPES.length).optional(),
    status: filterFields.status,
    owner_id: filterFields.owner_id,
    date_from: filterFields.date_from,
    date_to: filterFields.date_to,
  })
  .strict()
  .superRefine(dateOrder);

export const savedSearchBody = z
  .object({
    name: z.string().trim().min(1, 'Required').max(80, 'At most 80 characters'),
    query: z.string().trim().max(200, 'At most 200 characters'),
    filters: savedFilters.default({}),
  })
  .strict();
export type SavedSearchBody = z.infer<typeof savedSearchBody>;

export const rangeQuery = z
  .object({ date_from: isoDay.optional(), date_to: isoDay.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict()
  .superRefine(dateOrder);

export const hitSchema = z
  .object({
    type: z.enum(SEARCH_TYPES),
    id: z.string(),
    title: z.string(),
    highlight: z.object({ title: z.string(), excerpt: z.string() }),
    metadata: z.object({ date: z.string(), ownerId: z.string().nullable(), ownerName: z.string().nullable(), status: z.string().nullable() }).catchall(z.unknown()),
    link: z.string(),
    score: z.number(),
  })
  .meta({ id: 'SearchHit' });

/** Present when a broad search across every customer read only the newest documents of each type. */
export const searchWindowSchema = z.number().int().optional().describe('Only the newest this-many documents of each type were searched; hits and total are theirs. A date range reaches further back.');

export const didYouMeanSchema = z
  .string()
  .optional()
  .describe('When nothing was found: the query with its misspelt words corrected to words of the documents the caller may see; searching it finds something.');

export const searchResultSchema = z
  .object({ query: z.string(), total: z.number(), limit: z.number(), offset: z.number(), engine: z.string(), tookMs: z.number(), window: searchWindowSchema, didYouMean: didYouMeanSchema, hits: z.array(hitSchema) })
  .meta({ id: 'SearchResult' });
