// MEETREGELS §10: golden tests of importPerioden, one per derivation rule, CSV variant,
// reconciliation rule and refusal (issue 15).
import { Feit, type Recorded } from '@zelfredzaam/domain';
import { v5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { withEventId } from '../envelope.js';
import { openMemoryStore } from '../memory-store.js';
import type { EventStore } from '../port.js';
import { idVan, PERIODEN_NAMESPACE } from './identiteit.js';
import {
  importPerioden,
  PeriodenBestandFout,
  PeriodenOptieFout,
  type PeriodenOpties,
  type PeriodenWeigering,
} from './import.js';
import { redenenVan } from './velden.js';

const bestand = (naam: string, text: string | Buffer) => ({
  naam,
  stream: (async function* () {
    yield typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  })(),
});

interface Run {
  readonly store: EventStore;
  readonly weigeringen: PeriodenWeigering[];
  readonly result: Awaited<ReturnType<typeof importPerioden>>;
}

const importeer = async (
  store: EventStore,
  perioden: string | Buffer,
  extra: Partial<Omit<PeriodenOpties, 'perioden' | 'inkomsten'>> & { inkomsten?: string } = {},
): Promise<Run> => {
  const weigeringen: PeriodenWeigering[] = [];
  const { inkomsten, ...rest } = extra;
  const result = await importPerioden(store, {
    bron: 'suite',
    peilmoment: '2015-01-31',
    ...rest,
    perioden: bestand('perioden.csv', perioden),
    ...(inkomsten === undefined ? {} : { inkomsten: bestand('inkomsten.csv', inkomsten) }),
    onWeigering: (w) => weigeringen.push(w),
  });
  return { store, weigeringen, result };
};

const feiten = async (store: EventStore): Promise<Recorded[]> => {
  const out: Recorded[] = [];
  for await (const batch of store.readAll()) for (const s of batch) out.push(s.event);
  return out;
};

/** The facts without envelope, for comparing content. */
const inhoud = (list: readonly Recorded[]) => list.map(({ eventId: _e, recordedAt: _r, ...rest }) => rest);

/** Unretracted facts' content. */
const geldend = (list: readonly Recorded[]) => {
  const retracted = new Set(list.flatMap((f) => (f.type === 'GebeurtenisIngetrokken' ? [f.ingetrokken] : [])));
  return inhoud(list.filter((f) => f.type !== 'GebeurtenisIngetrokken' && !retracted.has(f.eventId)));
};

const HEADER = 'huishouden,begindatum,einddatum,reden,regeling\n';

describe('derivation (MEETREGELS §10, facts derived)', () => {
  it('a running period is an UitkeringGestart with its regeling; no end fact', async () => {
    const { store, result } = await importeer(openMemoryStore(), `${HEADER}h-1,2014-03-01,,,IOAW\n`);
    expect(inhoud(await feiten(store))).toEqual([
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-03-01', regeling: 'IOAW' },
    ]);
    expect(result).toMatchObject({ rijen: 1, huishoudensVerzoend: 1, feitenToegevoegd: 1, feitenIngetrokken: 0 });
  });

  it('each end reason gives its fact: loondienst, onderneming, opleiding, a reden of UitkeringBeeindigd', async () => {
    const csv = `${HEADER}h-1,2014-01-01,2014-05-01,loondienst,\nh-2,2014-01-01,2014-05-01,onderneming,\nh-3,2014-01-01,2014-05-01,opleiding,\nh-4,2014-01-01,2014-05-01,verhuizing,\n`;
    const { store } = await importeer(openMemoryStore(), csv);
    const ends = inhoud(await feiten(store)).filter((f) => f.type !== 'UitkeringGestart');
    expect(ends).toEqual([
      { type: 'InLoondienstGetreden', huishouden: 'h-1', datum: '2014-05-01', uitkering: 'beeindigd' },
      { type: 'EigenOndernemingGestart', huishouden: 'h-2', datum: '2014-05-01', uitkering: 'beeindigd' },
      { type: 'OpleidingGestart', huishouden: 'h-3', datum: '2014-05-01' },
      { type: 'UitkeringBeeindigd', huishouden: 'h-4', datum: '2014-05-01', reden: 'verhuizing' },
    ]);
  });

  it('periods in begindatum order, whatever the row order; a period may begin the day the previous ends', async () => {
    const csv = `${HEADER}h-1,2014-06-01,,,\nh-1,2014-01-01,2014-06-01,overig,\n`;
    const { store } = await importeer(openMemoryStore(), csv);
    expect(inhoud(await feiten(store))).toEqual([
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' },
      { type: 'UitkeringBeeindigd', huishouden: 'h-1', datum: '2014-06-01', reden: 'overig' },
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-06-01' },
    ]);
  });

  it('income rows in euros become cents, summed per huishouden, maand and bron', async () => {
    const inkomsten =
      'huishouden,maand,bron,bedrag\nh-1,2014-02,loondienst,475\nh-1,2014-02,loondienst,"0,50"\nh-1,2014-02,onderneming,475.5\nh-1,2014-03,loondienst,475,50\n';
    const { store, weigeringen } = await importeer(openMemoryStore(), `${HEADER}h-1,2014-01-01,,,\n`, { inkomsten });
    // "475,50" unquoted in a comma file is two fields: 475 in bedrag, the 50 an extra field ignored.
    expect(weigeringen).toEqual([]);
    expect(inhoud(await feiten(store)).filter((f) => f.type === 'InkomstenOntvangen')).toEqual([
      { type: 'InkomstenOntvangen', huishouden: 'h-1', maand: '2014-02', bron: 'loondienst', bedragCent: 47550 },
      { type: 'InkomstenOntvangen', huishouden: 'h-1', maand: '2014-02', bron: 'onderneming', bedragCent: 47550 },
      { type: 'InkomstenOntvangen', huishouden: 'h-1', maand: '2014-03', bron: 'loondienst', bedragCent: 47500 },
    ]);
  });

  it('eventIds are UUID v5 of the source and the content; recordedAt is the end of the peilmoment day in Amsterdam', async () => {
    const { store } = await importeer(openMemoryStore(), `${HEADER}h-1,2014-03-01,,,\n`, { peilmoment: '2015-06-30' });
    const [feit] = await feiten(store);
    expect(feit?.recordedAt).toBe('2015-06-30T21:59:59.999Z');
    expect(feit?.eventId).toBe(idVan('suite', JSON.stringify(['UitkeringGestart', 'h-1', '2014-03-01', null]), 0));
    // Fixed forever: a UUID v5 in PERIODEN_NAMESPACE of the source, a NUL and the content.
    expect(feit?.eventId).toBe(v5('suite\u0000["UitkeringGestart","h-1","2014-03-01",null]', PERIODEN_NAMESPACE));
    expect(idVan('é', 'x', 2)).toBe(v5('é\u0000x\u00002', PERIODEN_NAMESPACE));
    const winter = await importeer(openMemoryStore(), `${HEADER}h-1,2014-03-01,,,\n`, { peilmoment: '2015-01-31' });
    expect((await feiten(winter.store))[0]?.recordedAt).toBe('2015-01-31T22:59:59.999Z');
    const instant = await importeer(openMemoryStore(), `${HEADER}h-1,2014-03-01,,,\n`, {
      peilmoment: '2015-02-01T08:00:00+01:00',
    });
    expect((await feiten(instant.store))[0]?.recordedAt).toBe('2015-02-01T07:00:00.000Z');
    // Another source, the same content: another id.
    const other = await importeer(openMemoryStore(), `${HEADER}h-1,2014-03-01,,,\n`, { bron: 'ander' });
    expect((await feiten(other.store))[0]?.eventId).not.toBe(feit?.eventId);
  });
});

describe('CSV variants (MEETREGELS §10, periods file)', () => {
  const expected = [
    { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-03-01', regeling: 'Participatiewet' },
    { type: 'UitkeringBeeindigd', huishouden: 'h-1', datum: '2014-09-15', reden: 'andere-uitkering' },
  ];
  const variants: Record<string, string | Buffer> = {
    comma:
      'huishouden,begindatum,einddatum,reden,regeling\nh-1,2014-03-01,2014-09-15,andere-uitkering,Participatiewet\n',
    semicolon:
      'huishouden;begindatum;einddatum;reden;regeling\nh-1;2014-03-01;2014-09-15;andere-uitkering;Participatiewet\n',
    quoted:
      '"huishouden";"begindatum";"einddatum";"reden";"regeling"\n"h-1";"2014-03-01";"2014-09-15";"andere-uitkering";"Participatiewet"\n',
    bom: Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        'huishouden,begindatum,einddatum,reden,regeling\nh-1,2014-03-01,2014-09-15,andere-uitkering,Participatiewet\n',
      ),
    ]),
    crlf: 'huishouden,begindatum,einddatum,reden,regeling\r\nh-1,2014-03-01,2014-09-15,andere-uitkering,Participatiewet\r\n',
    'header in another order, other case, unknown columns':
      'Reden;x;Einddatum;REGELING;huishouden;begindatum;opmerking\nandere-uitkering;1;2014-09-15;Participatiewet;h-1;2014-03-01;"vrije; tekst"\n',
    'DD-MM-YYYY dates':
      'huishouden,begindatum,einddatum,reden,regeling\nh-1,01-03-2014,15-09-2014,andere-uitkering,Participatiewet\n',
    'no final newline, blank lines':
      'huishouden,begindatum,einddatum,reden,regeling\n\nh-1,2014-03-01,2014-09-15,andere-uitkering,Participatiewet',
    'a quoted field over two lines in an unknown column':
      'huishouden,opmerking,begindatum,einddatum,reden,regeling\nh-1,"regel een\nregel twee",2014-03-01,2014-09-15,andere-uitkering,Participatiewet\n',
  };
  for (const [name, csv] of Object.entries(variants)) {
    it(name, async () => {
      const { store, weigeringen } = await importeer(openMemoryStore(), csv);
      expect(weigeringen).toEqual([]);
      expect(inhoud(await feiten(store))).toEqual(expected);
    });
  }

  it('a file in chunks of any size reads the same', async () => {
    const csv = variants.crlf as string;
    for (const size of [1, 2, 7, 64]) {
      const store = openMemoryStore();
      const bytes = Buffer.from(csv);
      await importPerioden(store, {
        bron: 'suite',
        peilmoment: '2015-01-31',
        perioden: {
          naam: 'p.csv',
          stream: (async function* () {
            for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
          })(),
        },
      });
      expect(inhoud(await feiten(store))).toEqual(expected);
    }
  });

  it('a file without a header, or without a required column, is refused before anything is stored', async () => {
    const store = openMemoryStore();
    await expect(importeer(store, '')).rejects.toBeInstanceOf(PeriodenBestandFout);
    await expect(importeer(store, 'huishouden,einddatum\nh-1,2014-01-01\n')).rejects.toThrow(
      /mist de kolom begindatum/,
    );
    await expect(importeer(store, HEADER, { inkomsten: 'huishouden,maand\n' })).rejects.toThrow(
      /inkomsten.csv.*mist de kolommen bron, bedrag/,
    );
    expect(await feiten(store)).toEqual([]);
  });

  it('a wrong bron or peilmoment is an option error', async () => {
    await expect(importeer(openMemoryStore(), HEADER, { peilmoment: '31-01-2015' })).rejects.toBeInstanceOf(
      PeriodenOptieFout,
    );
    await expect(importeer(openMemoryStore(), HEADER, { bron: '' })).rejects.toBeInstanceOf(PeriodenOptieFout);
  });
});

describe('reconciliation (MEETREGELS §10)', () => {
  it('importing the same export again adds nothing', async () => {
    const store = openMemoryStore();
    const csv = `${HEADER}h-1,2014-01-01,2014-05-01,loondienst,\nh-2,2014-02-01,,,\n`;
    const inkomsten = 'huishouden,maand,bron,bedrag\nh-2,2014-03,loondienst,100\n';
    await importeer(store, csv, { inkomsten });
    const before = await feiten(store);
    const again = await importeer(store, csv, { inkomsten });
    expect(await feiten(store)).toEqual(before);
    expect(again.result).toMatchObject({ huishoudensVerzoend: 2, feitenToegevoegd: 0, feitenIngetrokken: 0 });
  });

  it('a corrected end date: the old end retracted with the reden of §10, the new one appended; others untouched', async () => {
    const store = openMemoryStore();
    await importeer(store, `${HEADER}h-1,2014-01-01,2014-05-01,loondienst,\nh-2,2014-02-01,,,\n`);
    const { result } = await importeer(store, `${HEADER}h-1,2014-01-01,2014-06-01,loondienst,\nh-2,2014-02-01,,,\n`, {
      peilmoment: '2015-02-28',
    });
    expect(result).toMatchObject({ huishoudensVerzoend: 2, feitenToegevoegd: 1, feitenIngetrokken: 1 });
    const all = await feiten(store);
    const old = all.find((f) => f.type === 'InLoondienstGetreden' && f.datum === '2014-05-01');
    expect(all.slice(3).map(({ eventId: _e, ...rest }) => rest)).toEqual([
      {
        type: 'GebeurtenisIngetrokken',
        huishouden: 'h-1',
        ingetrokken: old?.eventId,
        reden: 'correctie bronbestand suite 2015-02-28',
        recordedAt: '2015-02-28T22:59:59.999Z',
      },
      {
        type: 'InLoondienstGetreden',
        huishouden: 'h-1',
        datum: '2014-06-01',
        uitkering: 'beeindigd',
        recordedAt: '2015-02-28T22:59:59.999Z',
      },
    ]);
  });

  it('after a round of new households, a household with a stream is still reconciled against it (no read, a conflict, then read)', async () => {
    const store = openMemoryStore();
    await importeer(store, `${HEADER}h-2,2014-01-01,2014-05-01,loondienst,\n`);
    // One household per round: h-1 (new, first in the file) makes the next rounds skip their read.
    const csv = `${HEADER}h-1,2014-03-01,,,\nh-3,2014-03-01,,,\nh-2,2014-01-01,2014-06-01,loondienst,\n`;
    const { result, weigeringen } = await importeer(store, csv, { huishoudensPerRonde: 1, peilmoment: '2015-02-28' });
    expect(weigeringen).toEqual([]);
    expect(result).toMatchObject({ huishoudensVerzoend: 3, feitenToegevoegd: 3, feitenIngetrokken: 1 });
    const reference = openMemoryStore();
    await importeer(reference, `${HEADER}h-2,2014-01-01,2014-05-01,loondienst,\n`);
    await importeer(reference, csv, { huishoudensPerRonde: 1, peilmoment: '2015-02-28', maxAttempts: 1 });
    expect(await feiten(store)).toEqual(await feiten(reference));
    expect(geldend((await feiten(store)).filter((f) => 'huishouden' in f && f.huishouden === 'h-2'))).toEqual([
      { type: 'UitkeringGestart', huishouden: 'h-2', datum: '2014-01-01' },
      { type: 'InLoondienstGetreden', huishouden: 'h-2', datum: '2014-06-01', uitkering: 'beeindigd' },
    ]);
  });

  it('a household absent from the file is left alone', async () => {
    const store = openMemoryStore();
    await importeer(store, `${HEADER}h-1,2014-01-01,,,\nh-2,2014-02-01,,,\n`);
    await importeer(store, `${HEADER}h-1,2014-01-01,,,\n`, { peilmoment: '2015-02-28' });
    expect(geldend(await feiten(store))).toHaveLength(2);
  });

  it('a period removed from the file is retracted; a correction undone brings the fact back under its next id', async () => {
    const store = openMemoryStore();
    const first = `${HEADER}h-1,2014-01-01,2014-05-01,loondienst,\n`;
    await importeer(store, first);
    await importeer(store, `${HEADER}h-1,2014-01-01,,,\n`, { peilmoment: '2015-02-28' });
    expect(geldend(await feiten(store))).toEqual([
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' },
    ]);
    const back = await importeer(store, first, { peilmoment: '2015-03-31' });
    expect(back.result).toMatchObject({ feitenToegevoegd: 1, feitenIngetrokken: 0 });
    const all = await feiten(store);
    const ends = all.filter((f) => f.type === 'InLoondienstGetreden');
    expect(ends.map((f) => f.eventId)).toEqual([
      idVan('suite', JSON.stringify(['InLoondienstGetreden', 'h-1', '2014-05-01', 'beeindigd']), 0),
      idVan('suite', JSON.stringify(['InLoondienstGetreden', 'h-1', '2014-05-01', 'beeindigd']), 1),
    ]);
    expect(geldend(all)).toHaveLength(2);
    // And again: nothing more.
    const again = await importeer(store, first, { peilmoment: '2015-03-31' });
    expect(again.result).toMatchObject({ feitenToegevoegd: 0, feitenIngetrokken: 0 });
  });

  it('an end moved onto the day the next period begins: the later start is re-recorded behind it', async () => {
    const store = openMemoryStore();
    await importeer(store, `${HEADER}h-1,2014-01-01,2014-03-01,overig,\nh-1,2014-06-01,,,\n`);
    const { result, weigeringen } = await importeer(
      store,
      `${HEADER}h-1,2014-01-01,2014-06-01,overig,\nh-1,2014-06-01,,,\n`,
      {
        peilmoment: '2015-02-28',
      },
    );
    expect(weigeringen).toEqual([]);
    expect(result).toMatchObject({ feitenToegevoegd: 2, feitenIngetrokken: 2 });
    expect(geldend(await feiten(store))).toEqual([
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' },
      { type: 'UitkeringBeeindigd', huishouden: 'h-1', datum: '2014-06-01', reden: 'overig' },
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-06-01' },
    ]);
  });

  it("facts of another source or of an NDJSON import are not touched; without an income file the source's income stays", async () => {
    const store = openMemoryStore();
    const inkomsten = 'huishouden,maand,bron,bedrag\nh-1,2014-03,loondienst,100\n';
    await importeer(store, `${HEADER}h-1,2014-01-01,,,\n`, { inkomsten });
    await importeer(store, 'huishouden,begindatum\nh-2,2014-01-01\n', { bron: 'ander' });
    await importeer(store, `${HEADER}h-1,2014-01-01,,,\n`, { peilmoment: '2015-02-28' });
    expect(geldend(await feiten(store))).toHaveLength(3);
    // With an income file that no longer has the row, it is retracted.
    const { result } = await importeer(store, `${HEADER}h-1,2014-01-01,,,\n`, {
      peilmoment: '2015-03-31',
      inkomsten: 'huishouden,maand,bron,bedrag\n',
    });
    expect(result).toMatchObject({ feitenIngetrokken: 1 });
  });
});

describe('bad input: one line each, the household skipped, the rest imported', () => {
  const check = async (
    csv: string,
    extra: Parameters<typeof importeer>[2],
    expected: readonly RegExp[],
    overgeslagen: number,
  ) => {
    const store = openMemoryStore();
    const { weigeringen, result } = await importeer(store, `${HEADER}${csv}h-ok,2014-01-01,,,\n`, extra);
    expect(weigeringen.map((w) => w.bericht)).toHaveLength(expected.length);
    weigeringen.forEach((w, i) => {
      expect(w.bericht).toMatch(expected[i] as RegExp);
      expect(w.bericht).not.toMatch(/\n/);
    });
    expect(result.huishoudensOvergeslagen).toBe(overgeslagen);
    const stored = await feiten(store);
    expect(stored.some((f) => 'huishouden' in f && f.huishouden === 'h-ok')).toBe(true);
    expect(stored.some((f) => 'huishouden' in f && f.huishouden === 'h-1')).toBe(false);
    return weigeringen;
  };

  it('an unreadable row: its line, the rest read', async () => {
    const store = openMemoryStore();
    const csv = `${HEADER}h-2,2014-0"1-01,,,\nh-ok,2014-01-01,,,\nh-3,20"14"-01-01,,,\nh-4,2014-01-01,,,\n`;
    const { weigeringen, result } = await importeer(store, csv);
    expect(weigeringen.map((w) => w.bericht)).toEqual([
      'perioden.csv, regel 2: aanhalingsteken niet afgesloten — rij overgeslagen',
      'perioden.csv, regel 4: aanhalingsteken midden in een veld — rij overgeslagen',
    ]);
    expect(result).toMatchObject({
      rijen: 4,
      huishoudensVerzoend: 2,
      rijenOvergeslagen: 2,
      huishoudensOvergeslagen: 0,
    });
  });

  it('a row of a household with a wrong date skips the whole household', async () => {
    await check(
      'h-1,2014-01-01,,,\nh-1,2014-13-01,,,\n',
      {},
      [/^perioden.csv, regel 3: huishouden h-1: begindatum ontbreekt of is geen datum .* — huishouden overgeslagen$/],
      1,
    );
  });

  it('overlapping periods name both lines', async () => {
    await check(
      'h-1,2014-01-01,2014-06-01,overig,\nh-1,2014-05-01,,,\n',
      {},
      [
        /^perioden.csv, regel 3: huishouden h-1: de periode overlapt met die van regel 2 .*MEETREGELS §10.* — huishouden overgeslagen$/,
      ],
      1,
    );
  });

  it('an unknown reason code names the mapping file', async () => {
    const mapping = redenenVan({ UO01: 'loondienst' }, 'redenen.yaml');
    if (!('redenen' in mapping)) throw new Error('mapping');
    await check(
      'h-1,2014-01-01,2014-06-01,UO99,\n',
      { redenen: mapping.redenen },
      [/^perioden.csv, regel 2: huishouden h-1: onbekende redencode "UO99": staat niet in redenen.yaml/],
      1,
    );
    const store = openMemoryStore();
    await importeer(store, `${HEADER}h-1,2014-01-01,2014-06-01,UO01,\n`, { redenen: mapping.redenen });
    expect((await feiten(store))[1]?.type).toBe('InLoondienstGetreden');
  });

  it('a missing reason at an end date', async () => {
    await check('h-1,2014-01-01,2014-06-01,,\n', {}, [/regel 2: huishouden h-1: reden ontbreekt bij een einddatum/], 1);
  });

  it('a refusal by the decider names the income file and line', async () => {
    await check(
      'h-1,2014-01-01,2014-06-01,overig,\n',
      { inkomsten: 'huishouden,maand,bron,bedrag\nh-1,2014-03,loondienst,100\nh-1,2014-09,loondienst,100\n' },
      [
        /^inkomsten.csv, regel 3: huishouden h-1: InkomstenOntvangen over 2014-09 geweigerd — in die maand loopt op geen enkele dag bijstand \(MEETREGELS §2\) — huishouden overgeslagen$/,
      ],
      1,
    );
  });

  it('income of a household not in the periods file', async () => {
    await check(
      '',
      { inkomsten: 'huishouden,maand,bron,bedrag\nh-1,2014-03,loondienst,100\n' },
      [/^inkomsten.csv, regel 2: huishouden h-1: het huishouden staat niet in het periodebestand/],
      1,
    );
  });

  it('a BSN as household is never shown; a bad amount is refused', async () => {
    const w = await check(
      '111222333,2014-01-01,,,\nh-1,2014-01-01,,,\n',
      { inkomsten: 'huishouden,maand,bron,bedrag\nh-1,2014-03,loondienst,"4.75,0"\n' },
      [/regel 2: huishouden is een BSN/, /inkomsten.csv, regel 2: huishouden h-1: bedrag is geen bedrag/],
      1,
    );
    expect(w.map((x) => x.bericht).join()).not.toContain('111222333');
  });
});

describe('concurrent writers', () => {
  it('a household changed by another writer between read and append is read and reconciled again', async () => {
    const inner = openMemoryStore();
    const trede = Feit.decode({
      type: 'ParticipatieTredeVastgesteld',
      huishouden: 'h-1',
      datum: '2014-02-01',
      trede: 3,
    });
    if (trede._tag === 'Left') throw new Error('codec');
    let interfered = false;
    const store: EventStore = {
      kind: inner.kind,
      append: async (writes) => {
        if (!interfered) {
          interfered = true;
          await inner.appendToStream('huishouden-h-1', 'any', [withEventId(trede.right, () => idVan('ander', 'x', 0))]);
        }
        return inner.append(writes);
      },
      appendToStream: (stream, expected, events) => inner.appendToStream(stream, expected, events),
      readStream: (stream) => inner.readStream(stream),
      readStreams: (streams) => inner.readStreams(streams),
      readAll: (options) => inner.readAll(options),
      subscribe: (options) => inner.subscribe(options),
      loadCheckpoint: (subscriber) => inner.loadCheckpoint(subscriber),
      saveCheckpoint: (subscriber, position) => inner.saveCheckpoint(subscriber, position),
      close: () => inner.close(),
    };
    const { result, weigeringen } = await importeer(store, `${HEADER}h-1,2014-01-01,,,\nh-2,2014-01-01,,,\n`);
    expect(weigeringen).toEqual([]);
    expect(result).toMatchObject({ huishoudensVerzoend: 2, feitenToegevoegd: 2 });
    expect((await feiten(inner)).map((f) => f.type).sort()).toEqual([
      'ParticipatieTredeVastgesteld',
      'UitkeringGestart',
      'UitkeringGestart',
    ]);
  });
});
