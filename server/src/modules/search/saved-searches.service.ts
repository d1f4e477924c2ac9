import { QueryTypes, UniqueConstraintError } from 'sequelize';
import { db } from '../../db/sequelize';
import { AppError } from '../../http/errors';
import { clock } from '../../lib/clock';
import type { SavedSearchBody } from './search.schemas';

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  filters: SavedSearchBody['filters'];
  createdAt: string;
}

const MAX_SAVED = 50;

interface Row {
  id: string;
  name: string;
  query: string;
  filters: SavedSearchBody['filters'];
  created_at: Date;
}
const present = (r: Row): SavedSearch => ({ id: r.id, name: r.name, query: r.query, filters: r.filters ?? {}, createdAt: new Date(r.created_at).toISOString() });

/** The caller's saved searches, newest first. */
export async function listSavedSearches(userId: string): Promise<SavedSearch[]> {
  const rows = await db().query<Row>('SELECT * FROM saved_searches WHERE user_id = $1 ORDER BY created_at DESC', { bind: [userId], type: QueryTypes.SELECT });
  return rows.map(present);
}

/** Saves a query with its filters under a name unique for the user. */
export async function saveSearch(userId: string, input: SavedSearchBody): Promise<SavedSearch> {
  return db().transaction(async (transaction) => {
    // lock the user's row so two saves at once cannot both pass the limit
    await db().query('SELECT id FROM users WHERE id = $1 FOR UPDATE', { bind: [userId], transaction });
    const [{ n }] = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM saved_searches WHERE user_id = $1', { bind: [userId], type: QueryTypes.SELECT, transaction });
    if (n >= MAX_SAVED) throw AppError.conflict('saved_search_limit', `You can keep up to ${MAX_SAVED} saved searches: delete one first.`);
    try {
      const [row] = await db().query<Row>(
        'INSERT INTO saved_searches (user_id, name, query, filters, created_at) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING *',
        { bind: [userId, input.name, input.query, JSON.stringify(input.filters ?? {}), clock.now()], type: QueryTypes.SELECT, transaction },
      );
      return present(row);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw AppError.conflict('already_exists', 'A saved search with this name exists', { name: ['You already have a saved search with this name'] });
      throw err;
    }
  });
}

/** Deletes one of the caller's saved searches; someone else's is "not found". */
export async function deleteSavedSearch(userId: string, id: string): Promise<void> {
  const [, meta] = await db().query('DELETE FROM saved_searches WHERE id = $1 AND user_id = $2', { bind: [id, userId] });
  if (!((meta as { rowCount?: number })?.rowCount ?? 0)) throw AppError.notFound('Saved search');
}
