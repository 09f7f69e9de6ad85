// Issue 6: the parallel replay from PostgreSQL (position ranges on worker threads, merged in
// position order) gives the state of readAll + fold on one thread — the same figures for every
// year, with and without a kennisdatum — also when households have facts on both sides of a cut.
// Needs a PostgreSQL server (ZELFREDZAAM_PG_URL; `pnpm test` starts one).
import { afterAll, describe, expect, it } from 'vitest';
import { recordFacts } from '../packages/adapters/src/index.js';
import { openPgDriver, openPostgresStore } from '../packages/adapters/src/postgres.js';
import { demoGeschiedenis } from '../packages/cli/src/demo/index.js';
import type { Recorded } from '../packages/domain/src/index.js';
import {
  apply,
  emptyState,
  factColumns,
  jaarrapport,
  type ProjectionState,
  resolveParameters,
} from '../packages/projections/src/index.js';
import { replayPostgres } from '../packages/replay/src/index.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

const url = postgresUrl();
const schemas: string[] = [];
afterAll(() => dropSchemas(url, schemas));

const figures = (state: ProjectionState, van: number, tot: number): unknown[] => {
  const out: unknown[] = [];
  for (let jaar = van; jaar <= tot; jaar++) {
    for (const kennisdatum of [undefined, `${jaar}-09-30`]) {
      const parameters = resolveParameters(kennisdatum === undefined ? { jaar } : { jaar, kennisdatum }, '2100-12-31');
      if (parameters._tag === 'Left') throw new Error(parameters.left.bericht);
      out.push(jaarrapport(state, parameters.right));
    }
  }
  return out;
};

/** Each household's facts (when, recordedAt, eventId key) as the state holds them, in its order. */
const factsByHousehold = (state: ProjectionState): Map<string, number[][]> => {
  const t = factColumns(state);
  const out = new Map<string, number[][]>();
  let f = 0;
  t.huishoudens.forEach((id, h) => {
    const facts: number[][] = [];
    for (let k = 0; k < (t.aantallen[h] ?? 0); k++, f++) {
      // Not the kind and amount columns: they may hold numbers of interned texts (§7.1
      // soorten, trajectIds), which a merge numbers anew.
      facts.push([t.when[f] ?? -1, t.recordedAt[f] ?? -1, t.id[f] ?? -1]);
    }
    out.set(id, facts);
  });
  return out;
};

const storeUrl = (schema: string): string => {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
};

describe('parallel replay from PostgreSQL', () => {
  it('equals readAll + fold on one thread, for 2 and 3 workers', async () => {
    const schema = freshSchema('replay');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    const facts: Recorded[] = [...demoGeschiedenis({ huishoudens: 200, van: 2012, tot: 2015 })];
    try {
      // In several appends, so that positions interleave households over the whole history.
      for (let i = 0; i < facts.length; i += 500) {
        const result = await recordFacts(store, facts.slice(i, i + 500));
        expect(result.refused).toBe(0);
      }
      const sequential = emptyState();
      let read = 0;
      for await (const batch of store.readAll({ batchSize: 300 })) {
        for (const stored of batch) apply(sequential, stored.event);
        read += batch.length;
      }
      expect(read).toBe(facts.length);
      for (const workers of [2, 3]) {
        const parallel = await replayPostgres(storeUrl(schema), { workers, batchSize: 250 });
        expect(parallel.facts).toBe(facts.length);
        expect(parallel.state.households).toBe(sequential.households);
        expect(factsByHousehold(parallel.state)).toEqual(factsByHousehold(sequential));
        expect(figures(parallel.state, 2011, 2016)).toEqual(figures(sequential, 2011, 2016));
      }
    } finally {
      await store.close();
    }
  });

  it('skips and counts a stored fact that no longer decodes, and takes the store time limits from the URL (issue 17)', async () => {
    const schema = freshSchema('replay');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    const facts: Recorded[] = [...demoGeschiedenis({ huishoudens: 40, van: 2012, tot: 2014 })];
    try {
      expect((await recordFacts(store, facts)).refused).toBe(0);
    } finally {
      await store.close();
    }
    const driver = await openPgDriver(url);
    try {
      await driver.query(
        `UPDATE "${schema}".events SET event = jsonb_set(event::jsonb, '{type}', '"Onbekend"')::json
         WHERE position = (SELECT max(position) FROM "${schema}".events)`,
      );
    } finally {
      await driver.close();
    }
    const limited = new URL(storeUrl(schema));
    limited.searchParams.set('statement_timeout', '30');
    limited.searchParams.set('connect_timeout', '5');
    const result = await replayPostgres(limited.toString(), { workers: 2, batchSize: 100 });
    expect([result.facts, result.unreadable]).toEqual([facts.length - 1, 1]);
  });

  it('an empty store gives an empty state', async () => {
    const schema = freshSchema('replay');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    await store.close();
    const result = await replayPostgres(storeUrl(schema), { workers: 2 });
    expect([result.facts, result.state.households]).toEqual([0, 0]);
  });
});
