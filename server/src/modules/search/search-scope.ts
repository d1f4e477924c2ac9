import type { AuthContext } from '../../http/auth-context';
import { SEARCH_TYPES, type SearchFilters, type SearchType } from './search-engine';

export const SEARCH_ADMIN = 'search.admin';

/** Types a customer may search: everything they own, never user accounts. */
export const CUSTOMER_TYPES: SearchType[] = ['project', 'snippet', 'analysis', 'intake'];

/**
 * The server-side scope of a search. Customers (and admins without search.admin) only ever see their own
 * documents: the owner filter is forced, and a request for someone else's documents finds nothing.
 * Returns null when the request can match nothing.
 */
export function scopeFilters(auth: AuthContext, wanted: { types?: SearchType[]; status?: string; ownerId?: string; dateFrom?: string; dateTo?: string }): SearchFilters | null {
  const all = auth.isAdmin && auth.permissions.has(SEARCH_ADMIN);
  const allowed = all ? [...SEARCH_TYPES] : CUSTOMER_TYPES;
  const types = (wanted.types?.length ? wanted.types : allowed).filter((t) => allowed.includes(t));
  if (!types.length) return null;
  if (!all && wanted.ownerId && wanted.ownerId !== auth.user.id) return null;
  return {
    types,
    status: wanted.status,
    ownerId: all ? wanted.ownerId : auth.user.id,
    dateFrom: wanted.dateFrom,
    dateTo: wanted.dateTo,
  };
}

export function canSearchEverything(auth: AuthContext): boolean {
  return auth.isAdmin && auth.permissions.has(SEARCH_ADMIN);
}

/** date_to is a whole day: the engines compare with "before the next midnight (UTC)". */
export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}
