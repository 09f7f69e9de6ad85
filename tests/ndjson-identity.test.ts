// Issue 17 point 6 (MEETREGELS §6): a derived eventId comes from the canonical form of the decoded
// fact plus the number of identical canonical facts before it, so the same file with other
// formatting (spacing, key order, trailing blanks, escapes, recordedAt written otherwise)
// re-imports as nothing new; `derivation: 'oud'` keeps the id of a line's exact bytes.
import { describe, expect, it } from 'vitest';
import { type EventStore, type ImportOptions, importNdjson, openMemoryStore } from '../packages/adapters/src/index.js';

async function* pieces(text: string, size = 11): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const importText = (store: EventStore, text: string, options: ImportOptions = {}) =>
  importNdjson(store, pieces(text), options);

const feiten = [
  { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' },
  { type: 'InkomstenOntvangen', huishouden: 'h-1', maand: '2014-02', bron: 'loondienst', bedragCent: 49_600 },
  { type: 'InkomstenOntvangen', huishouden: 'h-1', maand: '2014-02', bron: 'loondienst', bedragCent: 49_600 },
  { type: 'TrajectGestart', huishouden: 'h-1', datum: '2014-03-01', trajectId: 't-1', soort: 'Meedoen é' },
  {
    type: 'InLoondienstGetreden',
    huishouden: 'h-2',
    datum: '2014-03-01',
    uitkering: 'loopt-door',
    recordedAt: '2014-03-02T10:00:00.000Z',
  },
];
const start2 = { type: 'UitkeringGestart', huishouden: 'h-2', datum: '2013-01-01' };

const canonical = [start2, ...feiten].map((f) => JSON.stringify(f)).join('\n');

/** The same facts written otherwise: keys sorted, `": "` spacing, trailing blanks, escapes, another instant form. */
const reformatted = [start2, ...feiten]
  .map((f) => {
    const sorted = Object.fromEntries(Object.entries(f).sort(([a], [b]) => a.localeCompare(b)));
    let text = JSON.stringify(sorted, null, 1).replaceAll('\n', '').replaceAll('":', '": ');
    text = text.replace('é', '\\u00e9').replace('2014-03-02T10:00:00.000Z', '2014-03-02T11:00:00+01:00');
    return `  ${text}   `;
  })
  .join('\r\n');

const ids = async (store: EventStore): Promise<string[]> => {
  const out: string[] = [];
  for await (const batch of store.readAll()) for (const e of batch) out.push(e.event.eventId);
  return out.sort();
};

describe('derived eventIds from the canonical form of the decoded fact (issue 17 point 6)', () => {
  it('a reformatted file re-imports as nothing new; identical facts in one file both count', async () => {
    const store = openMemoryStore();
    expect(await importText(store, canonical)).toMatchObject({ accepted: 6, refused: 0 });
    expect(await importText(store, reformatted)).toMatchObject({ accepted: 0, alreadyStored: 6, refused: 0 });
    expect(await ids(store)).toHaveLength(6);

    const other = openMemoryStore();
    expect(await importText(other, reformatted)).toMatchObject({ accepted: 6 });
    expect(await ids(other)).toEqual(await ids(store));
  });

  it('the old derivation keeps the ids of a file imported before, and doubles a reformatted one', async () => {
    const store = openMemoryStore();
    await importText(store, reformatted, { derivation: 'oud' });
    expect(await importText(store, reformatted, { derivation: 'oud' })).toMatchObject({
      accepted: 0,
      alreadyStored: 6,
    });
    // A line already in canonical form has the same id under both derivations.
    const plain = openMemoryStore();
    await importText(plain, canonical, { derivation: 'oud' });
    expect(await importText(plain, canonical)).toMatchObject({ accepted: 0, alreadyStored: 6 });
  });
});
