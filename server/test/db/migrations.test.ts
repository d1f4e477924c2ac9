import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../src/db/sequelize';
import { createMigrator, migrateUp } from '../../src/db/migrator';

// Monthly partitions of analytics_events: the migration creates those around now, the rollups any other
// month on demand (earlier tests may have), so they are compared apart.
const EVENT_PARTITION = /^analytics_events_\d{4}_\d{2}$/;

async function tables(): Promise<string[]> {
  const rows = await db().query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('SequelizeMeta', 'sequelize_meta') ORDER BY 1`, { type: QueryTypes.SELECT });
  return rows.map((r) => r.tablename);
}

const schemaTables = async () => (await tables()).filter((t) => !EVENT_PARTITION.test(t));

describe('migrations', () => {
  it('go all the way down and up again to the same schema and seeded roles', async () => {
    const before = await tables();
    expect(before).to.include.members(['users', 'sessions', 'roles', 'permissions', 'audit_logs', 'projects', 'snippets', 'analyses', 'intakes']);
    const migrator = createMigrator(db(), { quiet: true });
    const applied = (await migrator.executed()).map((m) => m.name);
    expect(applied[0]).to.equal('0001-foundation.ts');

    try {
      await migrator.down({ to: 0 });
      expect(await tables()).to.deep.equal([]);
      expect(await migrator.executed()).to.deep.equal([]);
    } finally {
      await migrateUp(db(), { quiet: true }); // the rest of the suite needs the schema whatever happened
    }
    expect(await schemaTables()).to.deep.equal(before.filter((t) => !EVENT_PARTITION.test(t)));
    const month = new Date().toISOString().slice(0, 7).replace('-', '_');
    expect(await tables()).to.include(`analytics_events_${month}`);
    const [{ n }] = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM role_permissions WHERE role_name = 'support_admin'`, { type: QueryTypes.SELECT });
    expect(n).to.be.greaterThan(0);
  });
});
