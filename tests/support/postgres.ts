// The PostgreSQL server of the integration tests: `scripts/test.sh` starts a throwaway cluster
// and sets ZELFREDZAAM_PG_URL. Without it the PostgreSQL tests fail loudly instead of skipping.
import { randomUUID } from 'node:crypto';
import { openPgDriver } from '../../packages/adapters/src/postgres.js';

/**
 * True when this process resolves `require` with the `import` condition (vitest passes
 * `ssr.resolve.conditions` to Node as --conditions): `pg` then loads pg-pool's ES module build
 * through require and fails with "Class extends value [object Module] is not a constructor".
 */
const requireTakesImportCondition = (): boolean => {
  const args = process.execArgv;
  return args.some(
    (arg, i) =>
      arg === '--conditions=import' ||
      arg === '-C=import' ||
      ((arg === '--conditions' || arg === '-C') && args[i + 1] === 'import'),
  );
};

export const postgresUrl = (): string => {
  if (requireTakesImportCondition()) {
    throw new Error(
      'Node draait met --conditions import (uit ssr.resolve.conditions in vitest.config.ts): dan laadt `pg` niet. ' +
        "Geef Node alleen de bronconditie mee: ssr: { resolve: { conditions: ['@zelfredzaam/source', 'node'], externalConditions: ['@zelfredzaam/source'] } }",
    );
  }
  const url = process.env.ZELFREDZAAM_PG_URL;
  if (url === undefined || url === '') {
    throw new Error(
      'ZELFREDZAAM_PG_URL is niet gezet: deze tests hebben een PostgreSQL-server nodig. ' +
        'Draai `pnpm test` (scripts/test.sh start er een), of: source scripts/pg-throwaway.sh && pg_throwaway_start',
    );
  }
  return url;
};

/** A schema name nobody has used (only a-z, 0-9 and _): each test's store starts empty. */
export const freshSchema = (prefix = 't'): string => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

/** Drops the schemas a suite created. */
export const dropSchemas = async (url: string, schemas: readonly string[]): Promise<void> => {
  if (schemas.length === 0) return;
  const driver = await openPgDriver(url, { poolSize: 1 });
  try {
    for (const schema of schemas) {
      if (!/^[a-z0-9_]+$/.test(schema)) throw new Error(`onverwachte schemanaam ${schema}`);
      await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  } finally {
    await driver.close();
  }
};
