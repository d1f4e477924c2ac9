import { paginate, parseListQuery, type ListSpec } from '../../../http/list-query';
import { LOG_LEVELS, SystemLog } from '../observability.models';
import { presentLog } from '../observability.presenter';

export const systemLogsListSpec: ListSpec = {
  fields: {
    level: { type: 'enum', values: LOG_LEVELS },
    component: { type: 'string' },
    requestId: { type: 'string' },
    userId: { type: 'uuid' },
    errorGroupId: { type: 'uuid' },
    createdAt: { type: 'date' },
  },
  sortable: ['createdAt'],
  defaultSort: ['createdAt', 'desc'],
  search: ['message'],
};

/** The system log (the plan's SystemLog), newest first, filtered and paged (simple-rest). */
export async function listSystemLogs(query: Record<string, unknown>) {
  const page = await paginate(SystemLog, parseListQuery(query, systemLogsListSpec));
  return { ...page, rows: page.rows.map(presentLog) };
}
