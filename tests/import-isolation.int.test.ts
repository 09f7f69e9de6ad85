// Issue 17 points 2 and 8 against PostgreSQL: a fact the database refuses (here a CHECK
// constraint stands in for any data error the store raises) refuses that line with its number,
// and every other line of the file is stored, on the first run and on every re-run; the store's
// latest recordedAt comes from one query and bounds what a later import may record.
import { afterAll, describe, expect, it } from 'vitest';
import { importNdjson } from '../packages/adapters/src/index.js';
import { openPgDriver, openPostgresStore } from '../packages/adapters/src/postgres.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

const url = postgresUrl();
const schemas: string[] = [];
afterAll(() => dropSchemas(url, schemas));

async function* pieces(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text, 'utf8');
}

const lines = (...rows: readonly Readonly<Record<string, unknown>>[]): string =>
  rows.map((row) => JSON.stringify(row)).join('\n');

describe('PostgreSQL: a line the store refuses never blocks the lines after it (issue 17)', () => {
  it('refuses the poisoned lines with their numbers and stores every other line, on every run', async () => {
    const schema = freshSchema('iso');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    const driver = await openPgDriver(url, { poolSize: 1 });
    try {
      await driver.query(
        `ALTER TABLE "${schema}".events ADD CONSTRAINT geen_gif CHECK (event::text NOT LIKE '%"soort":"GIF"%')`,
      );
      const rows: Record<string, unknown>[] = [];
      for (let i = 1; i <= 30; i++) rows.push({ type: 'UitkeringGestart', huishouden: `h-${i}`, datum: '2014-01-01' });
      const gif = { type: 'TrajectGestart', huishouden: 'h-2', datum: '2014-02-01', trajectId: 't-1', soort: 'GIF' };
      rows.splice(10, 0, gif);
      rows.push({ ...gif, huishouden: 'h-30' });
      const text = lines(...rows);
      for (const run of [1, 2]) {
        const result = await importNdjson(store, pieces(text), { chunkSize: 8 });
        expect(
          result.refusals.map((r) => [r.line, r.code]),
          `run ${run}`,
        ).toEqual([
          [11, 'OPSLAG'],
          [32, 'OPSLAG'],
        ]);
        expect(result.refusals[0]?.bericht).toContain('SQLSTATE 23514');
        expect(result.accepted + result.alreadyStored).toBe(30);
      }
      const [[count] = []] = await driver.query(`SELECT count(*)::int FROM "${schema}".events`);
      expect(count).toBe(30);
    } finally {
      await driver.close();
      await store.close();
    }
  });

  it('the finding: a lone surrogate in a free text is refused by the decoder with its line, not by the store', async () => {
    const schema = freshSchema('iso');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    try {
      const text = [
        '{"type":"UitkeringGestart","huishouden":"h-1","datum":"2014-01-01"}',
        '{"type":"TrajectGestart","huishouden":"h-1","datum":"2014-02-01","trajectId":"t-1","soort":"x \\ud800"}',
        '{"type":"UitkeringGestart","huishouden":"h-2","datum":"2014-01-01"}',
      ].join('\n');
      const result = await importNdjson(store, pieces(text));
      expect(result.refusals.map((r) => [r.line, r.code])).toEqual([[2, 'ONGELDIG']]);
      expect(result.refusals[0]?.bericht).toContain('veld soort');
      expect(result.accepted).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('reads the latest recordedAt in one query, and refuses a new fact recorded before it', async () => {
    const schema = freshSchema('iso');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    try {
      expect(await store.latestRecordedAt?.()).toBeUndefined();
      const eerst = lines(
        { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', recordedAt: '2016-06-30T12:00:00.123Z' },
        { type: 'UitkeringGestart', huishouden: 'h-2', datum: '2014-01-01', recordedAt: '2015-01-01T00:00:00Z' },
      );
      await importNdjson(store, pieces(eerst));
      expect(await store.latestRecordedAt?.()).toBe('2016-06-30T12:00:00.123Z');
      const later = lines({
        type: 'UitkeringGestart',
        huishouden: 'h-3',
        datum: '2014-01-01',
        recordedAt: '2016-01-01T00:00:00Z',
      });
      expect((await importNdjson(store, pieces(later))).refusals.map((r) => r.code)).toEqual(['VOOR_LAATSTE']);
      expect(await importNdjson(store, pieces(later), { historisch: true })).toMatchObject({ accepted: 1 });
      expect(await importNdjson(store, pieces(eerst))).toMatchObject({ alreadyStored: 2, refused: 0 });
    } finally {
      await store.close();
    }
  });
});
