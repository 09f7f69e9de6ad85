// Issue 17 points 6 and 8 from the command line, into PostgreSQL: `import` passes the clock's
// "now" (a recordedAt after it is refused), refuses a new fact recorded before the store's
// latest unless `--historisch`, re-imports a reformatted file as nothing new, and takes
// `--afleiding oud` for a file imported with the old derivation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from './support/cli-world.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

const url = postgresUrl();
const schemas: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'zelfredzaam-tijd-'));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await dropSchemas(url, schemas);
});

const file = (name: string, rows: readonly Readonly<Record<string, unknown>>[], format = JSON.stringify): string => {
  writeFileSync(join(work, name), `${rows.map((r) => format(r)).join('\n')}\n`);
  return name;
};

const storeOf = (): string => {
  const schema = freshSchema('tijd');
  schemas.push(schema);
  const spec = new URL(url);
  spec.searchParams.set('schema', schema);
  return spec.toString();
};

const start = (huishouden: string, recordedAt?: string) => ({
  type: 'UitkeringGestart',
  huishouden,
  datum: '2014-01-01',
  ...(recordedAt === undefined ? {} : { recordedAt }),
});

describe('zelfredzaam import: recordedAt limits and eventId derivation (issue 17)', () => {
  it('refuses the future and the past before the latest; --historisch lets a history in', async () => {
    const store = storeOf();
    const eerst = file('eerst.ndjson', [start('h-1', '2016-06-30T12:00:00Z'), start('h-2', '2099-01-01T00:00:00Z')]);
    const first = await runInProcess(['import', eerst, '--store', store], { cwd: work });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(
      /regel 2: huishouden h-2, UitkeringGestart: recordedAt 2099-01-01T00:00:00.000Z ligt in de toekomst/,
    );

    const oud = file('oud.ndjson', [start('h-3', '2015-01-01T00:00:00Z')]);
    const refused = await runInProcess(['import', oud, '--store', store], { cwd: work });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'regel 1: huishouden h-3, UitkeringGestart: recordedAt 2015-01-01T00:00:00.000Z ligt vóór de laatste recordedAt in de store (2016-06-30T12:00:00.000Z)',
    );
    expect(refused.stderr).toContain('--historisch');
    const migrated = await runInProcess(['import', oud, '--store', store, '--historisch'], { cwd: work });
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(migrated.stderr).toContain('1 vastgelegd');
  });

  it('a reformatted re-import adds nothing; --afleiding oud keeps the ids of the old derivation', async () => {
    const store = storeOf();
    const rows = [start('h-1'), { type: 'OpleidingGestart', huishouden: 'h-1', datum: '2014-09-01' }];
    const plain = file('plain.ndjson', rows);
    const spaced = file(
      'spaced.ndjson',
      rows,
      (r) => `  ${JSON.stringify(Object.fromEntries(Object.entries(r).reverse()), null, 1).replaceAll('\n', '')}  `,
    );
    expect((await runInProcess(['import', plain, '--store', store], { cwd: work })).code).toBe(0);
    const again = await runInProcess(['import', spaced, '--store', store], { cwd: work });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('0 vastgelegd, 2 waren er al');

    const other = storeOf();
    expect((await runInProcess(['import', spaced, '--store', other, '--afleiding', 'oud'], { cwd: work })).code).toBe(
      0,
    );
    const old = await runInProcess(['import', spaced, '--store', other, '--afleiding', 'oud'], { cwd: work });
    expect(old.stderr).toContain('0 vastgelegd, 2 waren er al');
    const wrong = await runInProcess(['import', spaced, '--store', other, '--afleiding', 'nieuw'], { cwd: work });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--afleiding "nieuw": kies canoniek (standaard) of oud');
  });
});
