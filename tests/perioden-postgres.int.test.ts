// Issue 15 against PostgreSQL (ZELFREDZAAM_PG_URL): import-perioden through the SQL store keeps
// recordedAt = the peilmoment, re-importing adds nothing, a correction retracts and appends, and
// the restated history at each moment equals the export alone (as with the memory store).
import { afterAll, describe, expect, it } from 'vitest';
import { type EventStore, importPerioden } from '../packages/adapters/src/index.js';
import { openPostgresStore } from '../packages/adapters/src/postgres.js';
import type { Recorded } from '../packages/domain/src/index.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

const url = postgresUrl();
const schemas: string[] = [];
afterAll(() => dropSchemas(url, schemas));

const open = (): Promise<EventStore> => {
  const schema = freshSchema('perioden');
  schemas.push(schema);
  return openPostgresStore(url, { schema });
};

const stream = (text: string) =>
  (async function* () {
    yield Buffer.from(text);
  })();

const importeer = (store: EventStore, perioden: string, inkomsten: string, peilmoment: string) =>
  importPerioden(store, {
    bron: 'zaaksysteem',
    peilmoment,
    perioden: { naam: 'p.csv', stream: stream(perioden) },
    inkomsten: { naam: 'i.csv', stream: stream(inkomsten) },
    huishoudensPerRonde: 2,
  });

const facts = async (store: EventStore): Promise<Recorded[]> => {
  const out: Recorded[] = [];
  for await (const batch of store.readAll()) for (const s of batch) out.push(s.event);
  return out;
};

describe('import-perioden into PostgreSQL', () => {
  it('imports, re-imports nothing, reconciles a correction', async () => {
    const store = await open();
    try {
      const p1 =
        'huishouden;begindatum;einddatum;reden\nh-1;2014-01-01;2014-05-01;loondienst\nh-2;2014-02-01;;\nh-3;2014-03-01;;\n';
      const i1 = 'huishouden;maand;bron;bedrag\nh-2;2014-03;loondienst;475,50\n';
      const first = await importeer(store, p1, i1, '2015-01-31');
      expect(first).toMatchObject({ huishoudensVerzoend: 3, feitenToegevoegd: 5, feitenIngetrokken: 0 });
      const again = await importeer(store, p1, i1, '2015-01-31');
      expect(again).toMatchObject({ huishoudensVerzoend: 3, feitenToegevoegd: 0, feitenIngetrokken: 0 });
      const p2 =
        'huishouden;begindatum;einddatum;reden\nh-1;2014-01-01;2014-06-01;loondienst\nh-2;2014-02-01;;\nh-3;2014-03-01;;\n';
      const second = await importeer(
        store,
        p2,
        'huishouden;maand;bron;bedrag\nh-2;2014-03;loondienst;400\n',
        '2015-02-28',
      );
      expect(second).toMatchObject({ feitenToegevoegd: 2, feitenIngetrokken: 2 });
      const all = await facts(store);
      expect(all).toHaveLength(9);
      expect(new Set(all.map((f) => f.recordedAt))).toEqual(
        new Set(['2015-01-31T22:59:59.999Z', '2015-02-28T22:59:59.999Z']),
      );
      expect(all.filter((f) => f.type === 'GebeurtenisIngetrokken').map((f) => 'reden' in f && f.reden)).toEqual([
        'correctie bronbestand zaaksysteem 2015-02-28',
        'correctie bronbestand zaaksysteem 2015-02-28',
      ]);
    } finally {
      await store.close();
    }
  });
});
