/**
 * The aggregate columns computed from raw events: shared by the rollup and by the live "today" figures a
 * customer sees, so both count the same way (docs/analytics.md, "Metric definitions").
 */
export const USER_COUNTS = `
  count(*)::int AS events,
  (count(*) FILTER (WHERE event_type = 'login'))::int AS logins,
  (count(*) FILTER (WHERE event_type = 'project_created'))::int AS projects_created,
  (count(*) FILTER (WHERE event_type = 'snippet_created'))::int AS snippets_created,
  (count(*) FILTER (WHERE event_type = 'analysis_run'))::int AS analyses_run,
  (count(*) FILTER (WHERE event_type = 'analysis_completed'))::int AS analyses_completed,
  coalesce(sum((properties->>'bugsFound')::int) FILTER (WHERE event_type = 'analysis_completed'), 0)::int AS bugs_found,
  coalesce(sum((properties->>'qualityScore')::int) FILTER (WHERE event_type = 'analysis_completed'), 0)::bigint AS quality_score_sum,
  coalesce(sum((properties->>'confidence')::float8) FILTER (WHERE event_type = 'analysis_completed'), 0) AS confidence_sum,
  (count(*) FILTER (WHERE event_type = 'export_download'))::int AS exports,
  (count(*) FILTER (WHERE event_type = 'search'))::int AS searches,
  (count(*) FILTER (WHERE event_type = 'ticket_created'))::int AS tickets_created,
  (count(*) FILTER (WHERE event_type = 'page_view'))::int AS page_views,
  (count(*) FILTER (WHERE event_type = 'feature_used'))::int AS feature_uses`;

export const USER_COUNT_COLUMNS = [
  'events', 'logins', 'projects_created', 'snippets_created', 'analyses_run', 'analyses_completed', 'bugs_found',
  'quality_score_sum', 'confidence_sum', 'exports', 'searches', 'tickets_created', 'page_views', 'feature_uses',
] as const;

export const PROJECT_COUNTS = `
  (count(*) FILTER (WHERE event_type = 'analysis_run'))::int AS analyses_run,
  (count(*) FILTER (WHERE event_type = 'analysis_completed'))::int AS analyses_completed,
  coalesce(sum((properties->>'bugsFound')::int) FILTER (WHERE event_type = 'analysis_completed'), 0)::int AS bugs_found,
  coalesce(sum((properties->>'qualityScore')::int) FILTER (WHERE event_type = 'analysis_completed'), 0)::bigint AS quality_score_sum,
  coalesce(sum((properties->>'confidence')::float8) FILTER (WHERE event_type = 'analysis_completed'), 0) AS confidence_sum`;

export const PROJECT_COUNT_COLUMNS = ['analyses_run', 'analyses_completed', 'bugs_found', 'quality_score_sum', 'confidence_sum'] as const;
