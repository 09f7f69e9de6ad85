// Issue 15, point 4: the demo's monthly case-system exports import without a refusal, each
// export's report is reproduced by the history at its moment, and corrections do occur.
import { importPerioden, openMemoryStore, redenenVan } from '@zelfredzaam/adapters';
import type { Recorded } from '@zelfredzaam/domain';
import { jaarrapport, replay, resolveParameters } from '@zelfredzaam/projections';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { demoGeschiedenis } from './generator.js';
import { DEMO_REDENCODES, demoPeriodenExports, redenenYaml } from './perioden.js';

const stream = (text: string) =>
  (async function* () {
    yield Buffer.from(text);
  })();

const mapping = redenenVan(parse(redenenYaml()), 'redenen.yaml');

const importeer = async (
  store: ReturnType<typeof openMemoryStore>,
  e: { moment: string; perioden: string; inkomsten: string },
) => {
  if (!('redenen' in mapping)) throw new Error('mapping');
  const refusals: string[] = [];
  const result = await importPerioden(store, {
    bron: 'zaaksysteem',
    peilmoment: e.moment,
    redenen: mapping.redenen,
    perioden: { naam: `perioden-${e.moment}.csv`, stream: stream(e.perioden) },
    inkomsten: { naam: `inkomsten-${e.moment}.csv`, stream: stream(e.inkomsten) },
    onWeigering: (w) => refusals.push(w.bericht),
  });
  return { result, refusals };
};

const facts = async (store: ReturnType<typeof openMemoryStore>): Promise<Recorded[]> => {
  const out: Recorded[] = [];
  for await (const batch of store.readAll()) for (const s of batch) out.push(s.event);
  return out;
};

const rapport = (list: readonly Recorded[], kennisdatum: string) => {
  const p = resolveParameters({ jaar: 2014, kennisdatum }, '2030-01-01');
  if (p._tag === 'Left') throw new Error(p.left.bericht);
  // `bron` describes the history read (it holds more facts than one export), not a figure.
  const { bron: _bron, ...figuren } = jaarrapport(replay(list), p.right);
  return figuren;
};

describe('demo --perioden (MEETREGELS §10)', () => {
  it('the mapping file maps every code the exports use', () => {
    expect(mapping).toHaveProperty('redenen');
    expect(Object.keys(DEMO_REDENCODES)).toHaveLength(9);
  });

  it('monthly exports import in order without refusals; each is reproduced at its moment; corrections occur', async () => {
    const history = [...demoGeschiedenis({ seed: 5, huishoudens: 150 })];
    const exports = [...demoPeriodenExports(history, '2015-01', '2015-06')];
    expect(exports.map((e) => e.moment)).toEqual([
      '2015-01-31',
      '2015-02-28',
      '2015-03-31',
      '2015-04-30',
      '2015-05-31',
      '2015-06-30',
    ]);
    expect(exports[0]?.perioden.split('\r\n')[0]).toBe('huishouden;begindatum;einddatum;reden;opmerking');
    const store = openMemoryStore();
    let retracted = 0;
    for (const e of exports) {
      const { result, refusals } = await importeer(store, e);
      expect(refusals).toEqual([]);
      retracted += result.feitenIngetrokken;
    }
    expect(retracted).toBeGreaterThan(0);
    const all = await facts(store);
    for (const e of exports) {
      const alone = openMemoryStore();
      await importeer(alone, e);
      expect(rapport(all, e.moment)).toEqual(rapport(await facts(alone), e.moment));
    }
    expect(rapport(all, '2015-01-31')).not.toEqual(rapport(all, '2015-06-30'));
  });
});
