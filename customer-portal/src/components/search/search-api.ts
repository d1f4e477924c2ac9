import { useGetIdentity } from '@refinedev/core';
import { useMemo } from 'react';
import { http } from '../../providers/http';

export type SearchType = 'project' | 'snippet' | 'analysis' | 'intake' | 'user';

export interface SearchHit {
  type: SearchType;
  id: string;
  title: string;
  /** HTML-escaped text whose only markup is <mark>…</mark> around matches. */
  highlight: { title: string; excerpt: string };
  metadata: { date: string; ownerId: string | null; ownerName: string | null; status: string | null } & Record<string, unknown>;
  link: string;
  score: number;
}

export interface SearchGroup {
  type: SearchType;
  total: number;
  hits: SearchHit[];
}

export interface SearchFilters {
  type?: SearchType[];
  status?: string;
  owner_id?: string;
  date_from?: string;
  date_to?: string;
}

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  filters: SearchFilters;
  createdAt: string;
}

/** The per-type endpoint of each document type. */
export const TYPE_PATHS: Record<SearchType, string> = {
  project: '/search/projects',
  snippet: '/search/code',
  analysis: '/search/analyses',
  intake: '/search/intakes',
  user: '/search/customers',
};

const params = (q: string, filters: SearchFilters, extra: Record<string, unknown> = {}) => {
  const p: Record<string, unknown> = { q, ...extra };
  if (filters.type?.length) p.type = filters.type.join(',');
  for (const k of ['status', 'owner_id', 'date_from', 'date_to'] as const) if (filters[k]) p[k] = filters[k];
  return p;
};

export async function searchGrouped(q: string, filters: SearchFilters, limit: number, signal?: AbortSignal) {
  const res = await http.get<{ query: string; total: number; engine: string; tookMs: number; didYouMean?: string; groups: SearchGroup[] }>('/search', { params: params(q, filters, { limit }), signal });
  return res.data;
}

export async function searchType(type: SearchType, q: string, filters: SearchFilters, limit: number, offset: number, signal?: AbortSignal) {
  const res = await http.get<{ query: string; total: number; limit: number; offset: number; tookMs: number; didYouMean?: string; hits: SearchHit[] }>(TYPE_PATHS[type], {
    params: params(q, { ...filters, type: undefined }, { limit, offset }),
    signal,
  });
  return res.data;
}

/** Completions for what is typed, of one type when `type` is given. */
export async function fetchSuggestions(q: string, signal?: AbortSignal, type?: SearchType): Promise<string[]> {
  const res = await http.get<{ suggestions: string[] }>('/search/suggestions', { params: { q, limit: 6, type }, signal });
  return res.data.suggestions;
}

export const fetchHistory = async () => (await http.get<Array<{ query: string; resultCount: number; searchedAt: string }>>('/search/history')).data;
export const clearHistory = async () => void (await http.delete('/search/history'));
export const fetchPopular = async () => (await http.get<Array<{ query: string; count: number }>>('/search/popular')).data;
export const fetchSaved = async () => (await http.get<SavedSearch[]>('/search/saved')).data;
export const createSaved = async (body: { name: string; query: string; filters: SearchFilters }) => (await http.post<SavedSearch>('/search/saved', body)).data;
export const deleteSaved = async (id: string) => void (await http.delete(`/search/saved/${id}`));

/** A recently opened result: what the palette shows before you type. */
export interface RecentItem {
  type: SearchType;
  title: string;
  link: string;
}

// One list per account and app, so that whoever signs in next in this browser (another customer, or the
// console beside the portal) never sees what was opened before. The list once kept for the whole browser goes.
const RECENT_PREFIX = 'socrates.portal.search.recent.';
try {
  localStorage.removeItem('socrates.search.recent');
} catch {
  // storage disabled: nothing kept, nothing to remove
}

function readRecent(key: string): RecentItem[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.slice(0, 8) : [];
  } catch {
    return [];
  }
}

/** The signed-in account's recently opened results in this browser, and how to add one. */
export function useRecentItems(): { recent: () => RecentItem[]; remember: (item: RecentItem) => void } {
  const { data: me } = useGetIdentity<{ id: string }>();
  const key = me?.id ? `${RECENT_PREFIX}${me.id}` : null;
  return useMemo(
    () => ({
      recent: () => (key ? readRecent(key) : []),
      remember: (item) => {
        if (!key) return;
        try {
          localStorage.setItem(key, JSON.stringify([item, ...readRecent(key).filter((r) => r.link !== item.link)].slice(0, 8)));
        } catch {
          // storage full or disabled: recents are a convenience
        }
      },
    }),
    [key],
  );
}
