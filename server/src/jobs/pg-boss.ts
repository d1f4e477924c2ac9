// pg-boss 10 is CommonJS with `export =`; this is the one place that bridges it to ESM imports.
import PgBossModule from 'pg-boss';

export const PgBoss = PgBossModule;
export type PgBoss = PgBossModule;
