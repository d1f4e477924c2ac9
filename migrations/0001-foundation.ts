import type { MigrationFn } from 'umzug';
import type { QueryInterface } from 'sequelize';

type Migration = MigrationFn<QueryInterface>;

/** Permission catalogue of the foundation; later migrations add their own rows. */
const PERMISSIONS: Array<[key: string, group: string, description: string]> = [
  ['users.read', 'Users', 'View customers and staff, their activity and history'],
  ['users.suspend', 'Users', 'Suspend and reactivate accounts'],
  ['users.delete', 'Users', 'Erase an account and its personal data'],
  ['users.impersonate', 'Users', 'View the portal as a customer (read-only)'],
  ['roles.read', 'Access', 'View roles and their permissions'],
  ['roles.manage', 'Access', 'Change role permissions and grant or revoke admin roles'],
  ['audit.read', 'Access', 'Read the audit trail'],
  ['outbox.read', 'System', 'Read e-mails sent by the platform'],
  ['system.read', 'System', 'View system health, logs and errors'],
  ['system.manage', 'System', 'Maintenance mode and system settings'],
  ['billing.read', 'Billing', 'View subscriptions and invoices'],
  ['billing.manage', 'Billing', 'Change subscriptions, tiers and invoices'],
  ['billing.credit', 'Billing', 'Apply account credit'],
  ['tickets.read', 'Support', 'View support tickets'],
  ['tickets.reply', 'Support', 'Reply to tickets and add internal notes'],
  ['tickets.manage', 'Support', 'Assign, escalate and resolve tickets; canned responses and SLAs'],
  ['analytics.read', 'Analytics', 'View platform, revenue and retention analytics'],
  ['search.admin', 'Search', 'Search across all customers and manage the search index'],
];

const ROLES: Array<[name: string, description: string, permissions: string[]]> = [
  ['customer', 'A customer of Socrates: uses the portal only', []],
  ['super_admin', 'Full access to the operations console', []], // always every permission; see session query
  ['billing_admin', 'Subscriptions, invoices and credits', ['users.read', 'billing.read', 'billing.manage', 'billing.credit', 'outbox.read']],
  ['support_admin', 'Support tickets and customer accounts', ['users.read', 'users.suspend', 'users.impersonate', 'tickets.read', 'tickets.reply', 'tickets.manage', 'billing.read', 'outbox.read']],
  ['analytics_admin', 'Reports and metrics', ['users.read', 'analytics.read', 'system.read']],
];

export const up: Migration = async ({ context }) => {
  const q = (sql: string, replacements?: unknown[]) => context.sequelize.query(sql, { replacements });
  await q(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      email text NOT NULL,
      password_hash text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      last_active_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));
    CREATE INDEX users_created_at_idx ON users (created_at, id);
    CREATE INDEX users_status_created_at_idx ON users (status, created_at, id);
    CREATE INDEX users_last_active_at_idx ON users (last_active_at);
    CREATE INDEX users_name_trgm_idx ON users USING gin (name gin_trgm_ops);
    CREATE INDEX users_email_trgm_idx ON users USING gin (email gin_trgm_ops);

    CREATE TABLE roles (
      name text PRIMARY KEY,
      description text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE permissions (
      key text PRIMARY KEY,
      group_name text NOT NULL,
      description text NOT NULL
    );
    CREATE TABLE role_permissions (
      role_name text NOT NULL REFERENCES roles(name) ON DELETE CASCADE,
      permission_key text NOT NULL REFERENCES permissions(key) ON DELETE CASCADE,
      PRIMARY KEY (role_name, permission_key)
    );
    CREATE TABLE admin_users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      role text NOT NULL REFERENCES roles(name),
      permissions jsonb NOT NULL DEFAULT '[]',
      granted_at timestamptz NOT NULL DEFAULT now(),
      granted_by uuid REFERENCES admin_users(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX admin_users_role_idx ON admin_users (role);

    CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash text NOT NULL UNIQUE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      impersonator_id uuid REFERENCES users(id) ON DELETE CASCADE,
      ip text,
      user_agent text,
      expires_at timestamptz NOT NULL,
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX sessions_user_id_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

    CREATE TABLE password_reset_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id);

    CREATE TABLE audit_logs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
      actor_email text,
      action text NOT NULL,
      target_type text NOT NULL,
      target_id text,
      before jsonb,
      after jsonb,
      ip text,
      user_agent text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_logs_created_at_idx ON audit_logs (created_at DESC);
    CREATE INDEX audit_logs_target_idx ON audit_logs (target_type, target_id, created_at DESC);
    CREATE INDEX audit_logs_actor_idx ON audit_logs (actor_id, created_at DESC);

    CREATE TABLE email_outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      to_address text NOT NULL,
      subject text NOT NULL,
      text_body text NOT NULL,
      template text NOT NULL,
      status text NOT NULL DEFAULT 'stored' CHECK (status IN ('pending', 'stored', 'sent', 'failed')),
      error text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX email_outbox_created_at_idx ON email_outbox (created_at DESC);
    CREATE INDEX email_outbox_to_idx ON email_outbox (lower(to_address), created_at DESC);

    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE projects (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name text NOT NULL,
      description text NOT NULL DEFAULT '',
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'archived')),
      completion_percentage integer NOT NULL DEFAULT 0 CHECK (completion_percentage BETWEEN 0 AND 100),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX projects_owner_idx ON projects (owner_id, created_at DESC);

    CREATE TABLE snippets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      filename text NOT NULL,
      language text NOT NULL,
      content text NOT NULL,
      size_bytes integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX snippets_project_idx ON snippets (project_id, created_at DESC);
    CREATE INDEX snippets_owner_idx ON snippets (owner_id);

    CREATE TABLE analyses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
      snippet_id uuid REFERENCES snippets(id) ON DELETE SET NULL,
      owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      snippet_filename text NOT NULL,
      type text NOT NULL CHECK (type IN ('security', 'quality', 'performance', 'bugs')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      quality_score integer CHECK (quality_score BETWEEN 0 AND 100),
      bugs_found integer,
      confidence double precision CHECK (confidence BETWEEN 0 AND 1),
      summary text,
      findings jsonb NOT NULL DEFAULT '[]',
      error text,
      started_at timestamptz,
      completed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX analyses_project_idx ON analyses (project_id, created_at DESC);
    CREATE INDEX analyses_owner_idx ON analyses (owner_id, created_at DESC);

    CREATE TABLE intakes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      owner_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      customer_name text NOT NULL,
      company text NOT NULL DEFAULT '',
      email text NOT NULL,
      status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_review', 'accepted', 'rejected')),
      notes text NOT NULL DEFAULT '',
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX intakes_owner_idx ON intakes (owner_id, created_at DESC);
  `);
  for (const [key, group, description] of PERMISSIONS) {
    await q('INSERT INTO permissions (key, group_name, description) VALUES (?, ?, ?)', [key, group, description]);
  }
  for (const [name, description, permissions] of ROLES) {
    await q('INSERT INTO roles (name, description) VALUES (?, ?)', [name, description]);
    for (const p of permissions) await q('INSERT INTO role_permissions (role_name, permission_key) VALUES (?, ?)', [name, p]);
  }
};

export const down: Migration = async ({ context }) => {
  await context.sequelize.query(`
    DROP TABLE IF EXISTS intakes, analyses, snippets, projects, settings, email_outbox, audit_logs,
      password_reset_tokens, sessions, admin_users, role_permissions, permissions, roles, users CASCADE;
  `);
};
