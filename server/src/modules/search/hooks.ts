import type { Model, Transaction } from 'sequelize';
import { Project, Snippet } from '../projects/project.models';
import { Analysis } from '../analyses/analysis.models';
import { Intake } from '../intakes/intake.models';
import { User } from '../users/user.models';
import { recordOwnerChange, recordProjectChildren, recordSearchChange } from './outbox';
import type { SearchType } from './search-engine';

type Opts = { transaction?: Transaction | null };
type BulkOpts = Opts & { where?: unknown; attributes?: Record<string, unknown>; fields?: string[] };

let installed = false;

/**
 * Model hooks that write the search outbox in the change's own transaction (options.transaction), so
 * every service that saves through the models keeps search in step without knowing about it. Raw SQL
 * writes call recordSearchChange / recordOwnerChange themselves.
 */
export function installSearchHooks(): void {
  if (installed) return;
  installed = true;
  const rowHooks = (type: SearchType) => ({
    changed: (row: Model & { id: string }, options: Opts) => recordSearchChange(type, [row.id], options.transaction),
  });

  for (const [model, type] of [[Project, 'project'], [Snippet, 'snippet'], [Analysis, 'analysis'], [Intake, 'intake']] as const) {
    const { changed } = rowHooks(type);
    const m = model as unknown as { addHook(event: string, name: string, fn: unknown): void };
    for (const event of ['afterCreate', 'afterUpdate', 'afterDestroy']) m.addHook(event, 'search', changed);
    // bulkCreate (the demo seeder) fires only the bulk hook
    m.addHook('afterBulkCreate', 'search', (rows: Array<{ id: string }>, options: Opts) => recordSearchChange(type, rows.map((r) => r.id), options.transaction));
  }
  Project.addHook('afterUpdate', 'search-children', ((row: Project, options: Opts) =>
    // snippets show their project's name
    row.changed('name') ? recordProjectChildren(row.id, options.transaction) : undefined) as never);
  Project.addHook('beforeDestroy', 'search-children', ((row: Project, options: Opts) => recordProjectChildren(row.id, options.transaction)) as never);

  User.addHook('afterCreate', 'search', ((row: User, options: Opts) => recordSearchChange('user', [row.id], options.transaction)) as never);
  User.addHook('afterBulkCreate', 'search', ((rows: User[], options: Opts) => recordSearchChange('user', rows.map((r) => r.id), options.transaction)) as never);
  User.addHook('afterUpdate', 'search', ((row: User, options: Opts) => {
    if (row.changed('name')) return recordOwnerChange(row.id, options.transaction);
    if (row.changed('email') || row.changed('status')) return recordSearchChange('user', [row.id], options.transaction);
  }) as never);
  // User.update({ status }, { where: { id } }) — suspend, reactivate, rename from the account page
  User.addHook('afterBulkUpdate', 'search', ((options: BulkOpts) => {
    const id = (options.where as { id?: unknown } | undefined)?.id;
    const attrs = Object.keys(options.attributes ?? {});
    if (typeof id !== 'string' || !attrs.some((a) => a === 'name' || a === 'email' || a === 'status')) return;
    return attrs.includes('name') ? recordOwnerChange(id, options.transaction) : recordSearchChange('user', [id], options.transaction);
  }) as never);
  // before: ON DELETE CASCADE removes the customer's rows, and the outbox must still name them
  User.addHook('beforeDestroy', 'search', ((row: User, options: Opts) => recordOwnerChange(row.id, options.transaction)) as never);
}
