import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import { db } from '../../src/db/sequelize';
import { createMigrator, migrateUp } from '../../src/db/migrator';

async function tables(): Promise<string[]> {
  const rows = await db().query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('SequelizeMeta', 'sequelize_meta') ORDER BY 1`, { type: QueryTypes.SELECT });
  return rows.map((r) => r.tablename);
}

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
    expect(await tables()).to.deep.equal(before);
    const [{ n }] = await db().query<{ n: number }>(`SELECT count(*)::int AS n FROM role_permissions WHERE role_name = 'support_admin'`, { type: QueryTypes.SELECT });
    expect(n).to.be.greaterThan(0);
  });
});
