import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

// Statements that can change what a session cookie resolves to (the session, its user, the user's admin role
// and grants, a role's permissions) send NOTIFY auth_changed. NOTIFY is transactional: listeners hear it when
// the change commits, never before and never for a rolled-back change, however the row was written (a
// service, a job in another process, psql). Each API process drops its resolved sessions when it hears it.
// The session touch (last_seen_at, last_active_at) does not change what a session resolves to: not listed.
const TRIGGERS: Array<[table: string, event: string]> = [
  ['sessions', 'DELETE OR TRUNCATE OR UPDATE OF token_hash, user_id, expires_at, impersonator_id'],
  ['users', 'DELETE OR TRUNCATE OR UPDATE OF name, email, status, deleted_at, created_at'],
  ['admin_users', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
  ['role_permissions', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
  ['permissions', 'INSERT OR UPDATE OR DELETE OR TRUNCATE'],
];

export const up: Migration = async ({ context }) => {
  await context.sequelize.query(`
    CREATE FUNCTION notify_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM pg_notify('auth_changed', '');
      RETURN NULL;
    END
    $fn$;
    ${TRIGGERS.map(([table, event]) => `CREATE TRIGGER ${table}_auth_changed AFTER ${event} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION notify_auth_changed();`).join('\n')}
  `);
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    ${TRIGGERS.map(([table]) => `DROP TRIGGER IF EXISTS ${table}_auth_changed ON ${table};`).join('\n')}
    DROP FUNCTION IF EXISTS notify_auth_changed();
  `);
};
