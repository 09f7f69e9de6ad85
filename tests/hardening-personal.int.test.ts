// Issue 7, point 5: personal data.
// - No BSN anywhere: a BSN in any string field of any event type is refused by the importer,
//   naming the field but never showing the number; through the library and through the CLI.
// - Messages never show a personal field's value, only the household pseudonym: every message
//   the import and the CLI produce for a file of bad lines is searched for the input's values.
// - `--pseudonimiseer`: source ids replaced by HMAC-SHA-256 pseudonyms under a key from
//   ZELFREDZAAM_PSEUDONIEM_SLEUTEL before decoding (a source BSN becomes a pseudonym); the same
//   key gives the same pseudonyms (a re-import adds nothing), another key others; no source id
//   reaches the store, an export or any output; derived eventIds come from the pseudonymised line.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNdjson, type LineRefusal, openMemoryStore, openStore } from '../packages/adapters/src/index.js';
import {
  MIN_SLEUTEL_BYTES,
  pseudoniem,
  pseudonimiseerder,
  SLEUTEL_VARIABELE,
} from '../packages/cli/src/pseudonimiseer.js';
import { encode, feitTypes } from '../packages/domain/src/index.js';
import { willekeurigFeit } from '../packages/domain/src/testing/index.js';
import { runInProcess } from './support/cli-world.js';
import { BSNS, pieces } from './support/ndjson-fuzz.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

const url = postgresUrl();
const schemas: string[] = [];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-persoonsgegevens-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropSchemas(url, schemas);
});

const importText = async (text: string) => {
  const refusals: LineRefusal[] = [];
  const store = openMemoryStore();
  const result = await importNdjson(store, pieces(Buffer.from(text, 'utf8'), 97), {
    onRefusal: (r) => refusals.push(r),
  });
  return { result, refusals, store };
};

const storeUrl = (schema: string): string => {
  schemas.push(schema);
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
};

/** One sample fact of every event type (MEETREGELS §2 and §7.1), as plain fields. */
const oneOfEachType = (): Record<string, unknown>[] => {
  const byType = new Map<string, Record<string, unknown>>();
  for (const feit of fc.sample(willekeurigFeit(), { numRuns: 3_000, seed: 42 })) {
    if (!byType.has(feit.type)) {
      const { eventId: _id, recordedAt: _at, ...fields } = encode(feit);
      byType.set(feit.type, fields);
    }
  }
  expect([...byType.keys()].sort()).toEqual([...feitTypes].sort());
  return [...byType.values()];
};

describe('no BSN anywhere', () => {
  it('a BSN in any string field of any event type is refused, naming the field, never showing the number', async () => {
    const lines: { text: string; type: unknown; field: string }[] = [];
    let n = 0;
    for (const fields of oneOfEachType()) {
      for (const key of Object.keys(fields)) {
        if (key === 'type' || typeof fields[key] !== 'string') continue;
        const bsn = BSNS[n++ % BSNS.length] ?? '111222333';
        lines.push({ text: JSON.stringify({ ...fields, [key]: bsn }), type: fields.type, field: key });
        // Inside a text too: refused as a BSN where the text is free, as a wrong value elsewhere.
        lines.push({ text: JSON.stringify({ ...fields, [key]: `zie dossier ${bsn}` }), type: fields.type, field: key });
      }
    }
    const { result, refusals } = await importText(lines.map((l) => l.text).join('\n'));
    expect(result.accepted).toBe(0);
    expect(refusals).toHaveLength(lines.length);
    refusals.forEach((refusal, i) => {
      const line = lines[i];
      expect(refusal.line).toBe(i + 1);
      expect(refusal.bericht).toContain(`veld ${line?.field}:`);
      for (const bsn of BSNS) expect(refusal.bericht).not.toContain(bsn);
      // The free texts (MEETREGELS §2 `reden`, §7.1 `soort` and `regeling`) accept text, not a BSN in it.
      if (line?.type === 'GebeurtenisIngetrokken' && line.field === 'reden') {
        expect(refusal.bericht).toContain(
          'verwacht een waarde zonder BSN (burgerservicenummer), ontvangen een BSN (niet getoond)',
        );
      }
    });
  });

  it('through the CLI: a BSN as id, as a number, in a free text, as a field name, in a file name — never printed', async () => {
    const bsnFile = join(dir, '111222333.ndjson');
    await writeFile(
      bsnFile,
      [
        { type: 'UitkeringGestart', huishouden: '123456782', datum: '2014-01-01' },
        { type: 'UitkeringGestart', huishouden: 999999990, datum: '2014-01-01' },
        {
          type: 'GebeurtenisIngetrokken',
          huishouden: 'h-1',
          ingetrokken: '7d0c3a52-1f0e-4a59-9a43-3f1f2b1c0d01',
          reden: 'BSN 012345672',
        },
        { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', 111222333: 'x' },
        { type: 'AllianceGesloten', werkgever: '123456782', datum: '2014-01-01' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    for (const argv of [
      ['import', bsnFile, '--store', 'memory:'],
      ['report', '--from', bsnFile, '--jaar', '2014', '--format', 'json'],
      ['report', '--from', bsnFile, '--jaar', '2014', '--format', 'html'],
      ['import', join(dir, '123456782.ndjson')],
      ['report', '--jaar', '123456782'],
    ]) {
      const result = await runInProcess(argv, { cwd: dir });
      expect([1, 2]).toContain(result.code);
      for (const bsn of BSNS) {
        expect(result.stderr, argv.join(' ')).not.toContain(bsn);
        expect(result.stdout, argv.join(' ')).not.toContain(bsn);
      }
    }
  });
});

describe('messages show the household pseudonym, never a personal field', () => {
  it('every message of import and CLI is free of the values of personal fields of its input', async () => {
    const secrets = ['Jan Jansen', 'Dorpsstraat 12', 'dossier-7781-geheim', 'KVK-88776655', 'Schuldhulp ABC'];
    const lines = [
      // Invalid ids and free texts that carry personal data: described, never shown.
      { type: 'UitkeringGestart', huishouden: 'Jan Jansen', datum: '2014-01-01' },
      { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-02-30', regeling: 'Dorpsstraat 12' },
      { type: 'AllianceGesloten', werkgever: 'KVK-88776655 ', datum: '2014-01-01' },
      {
        type: 'TrajectGestart',
        huishouden: 'h-2',
        datum: '2014-01-01',
        trajectId: 'dossier-7781-geheim!',
        soort: 'Workfast',
      },
      { type: 'MinimaregelingToegekend', huishouden: 'h-2', datum: '2014-02-30', regeling: 'Schuldhulp ABC' },
      { type: 'GebeurtenisIngetrokken', huishouden: 'h-3', ingetrokken: 'nee', reden: 'Jan Jansen, Dorpsstraat 12' },
      { type: 'UitkeringGestart', huishouden: 'h-4', datum: '2014-01-01', naam: 'Jan Jansen', adres: 'Dorpsstraat 12' },
      // Valid lines the decider refuses: the message names the pseudonym, type and date only.
      {
        type: 'TrajectBeeindigd',
        huishouden: 'h-5',
        datum: '2014-03-01',
        trajectId: 'dossier-7781-geheim',
        resultaat: 'werk',
      },
      { type: 'MinimaregelingToegekend', huishouden: 'h-5', datum: '2014-03-01', regeling: 'Schuldhulp ABC' },
      {
        type: 'MinimaregelingToegekend',
        huishouden: 'h-5',
        datum: '2014-03-01',
        regeling: 'Schuldhulp ABC',
        eventId: '7d0c3a52-1f0e-4a59-9a43-3f1f2b1c0d02',
      },
      {
        type: 'GebeurtenisIngetrokken',
        huishouden: 'h-5',
        ingetrokken: '7d0c3a52-1f0e-4a59-9a43-3f1f2b1c0d99',
        reden: 'Jan Jansen verhuisd',
      },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    const { refusals } = await importText(text);
    expect(refusals.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 11]);
    const file = join(dir, 'persoonlijk.ndjson');
    await writeFile(file, text);
    const cli = await runInProcess(['import', file, '--store', 'memory:'], { cwd: dir });
    const report = await runInProcess(['report', '--from', file, '--jaar', '2014', '--format', 'html'], { cwd: dir });
    const messages = [...refusals.map((r) => r.bericht), cli.stderr, cli.stdout, report.stderr, report.stdout];
    for (const message of messages) for (const secret of secrets) expect(message).not.toContain(secret);
    // What a message may name: the pseudonym of a valid household.
    expect(refusals.find((r) => r.line === 8)?.bericht).toMatch(
      /^regel 8: huishouden h-5: TrajectBeeindigd op 2014-03-01 geweigerd — /,
    );
  });
});

describe('--pseudonimiseer', () => {
  const KEY_A = 'a3f1c2e4b5d6978812345678abcdef0123456789abcdef0123456789abcdef01';
  const KEY_B = 'b3f1c2e4b5d6978812345678abcdef0123456789abcdef0123456789abcdef02';
  const SOURCE_IDS = ['111222333', 'CASE-2014-000123', '123456782', 'KVK-12345678', 'TR-0001', 'SCH-0002'];
  const source = [
    { type: 'UitkeringGestart', huishouden: '111222333', datum: '2014-01-01' },
    { type: 'InkomstenOntvangen', huishouden: '111222333', maand: '2014-02', bron: 'loondienst', bedragCent: 47500 },
    { type: 'UitkeringGestart', huishouden: 'CASE-2014-000123', datum: '2014-01-01' },
    {
      type: 'TrajectGestart',
      huishouden: 'CASE-2014-000123',
      datum: '2014-02-01',
      trajectId: 'TR-0001',
      soort: 'Workfast',
    },
    {
      type: 'TrajectBeeindigd',
      huishouden: 'CASE-2014-000123',
      datum: '2014-05-01',
      trajectId: 'TR-0001',
      resultaat: 'werk',
    },
    { type: 'InLoondienstGetreden', huishouden: 'CASE-2014-000123', datum: '2014-05-01', uitkering: 'beeindigd' },
    { type: 'UitkeringGestart', huishouden: 123456782, datum: '2014-03-01' },
    { type: 'SchuldhulpGestart', huishouden: 123456782, datum: '2014-03-05', trajectId: 'SCH-0002' },
    { type: 'AllianceGesloten', werkgever: 'KVK-12345678', datum: '2014-06-01' },
    // Refused by the lifecycle: the message must show the pseudonym, not the source id.
    { type: 'OpleidingGestart', huishouden: '111222333', datum: '2013-01-01' },
  ];
  const text = `${source.map((l) => JSON.stringify(l)).join('\n')}\n`;

  const exported = async (storeSpec: string): Promise<string> => {
    const out = join(dir, `export-${Math.random().toString(16).slice(2)}.ndjson`);
    const result = await runInProcess(['export', out, '--store', storeSpec], { cwd: dir });
    expect(result.code).toBe(0);
    return readFile(out, 'utf8');
  };

  it('refuses to run without a key, or with a key that is too short (exit 2)', async () => {
    const file = join(dir, 'bron.ndjson');
    await writeFile(file, text);
    const none = await runInProcess(['import', file, '--store', 'memory:', '--pseudonimiseer'], { cwd: dir, env: {} });
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe(
      `zelfredzaam import: --pseudonimiseer: zet de sleutel in de omgevingsvariabele ${SLEUTEL_VARIABELE} (minstens ${MIN_SLEUTEL_BYTES} tekens; maak er een met: openssl rand -hex 32, en bewaar hem bij de gemeente)`,
    );
    const short = await runInProcess(['report', '--from', file, '--jaar', '2014', '--pseudonimiseer'], {
      cwd: dir,
      env: { [SLEUTEL_VARIABELE]: 'x'.repeat(MIN_SLEUTEL_BYTES - 1) },
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(
      /^zelfredzaam report: --pseudonimiseer: de sleutel in ZELFREDZAAM_PSEUDONIEM_SLEUTEL is te kort \(31 bytes\)/,
    );
    for (const output of [none.stderr, short.stderr]) expect(output).not.toContain('xxxxxxxx');
  });

  it('same key: same pseudonyms, a re-import adds nothing; another key: other pseudonyms; no source id anywhere', async () => {
    const file = join(dir, 'bron.ndjson');
    await writeFile(file, text);
    const storeA = storeUrl(freshSchema('pseudo_a'));
    const storeB = storeUrl(freshSchema('pseudo_b'));
    const env = (key: string) => ({ [SLEUTEL_VARIABELE]: key });

    const first = await runInProcess(['import', file, '--store', storeA, '--pseudonimiseer'], {
      cwd: dir,
      env: env(KEY_A),
    });
    expect(first.code, first.stderr).toBe(1);
    const refusal = first.stderr.split('\n')[0] ?? '';
    expect(refusal).toBe(
      `regel 10: huishouden ${pseudoniem(Buffer.from(KEY_A), 'huishouden', '111222333')}: OpleidingGestart op 2013-01-01 geweigerd — er loopt op die datum geen bijstand (MEETREGELS §2)`,
    );
    expect(first.stderr).toMatch(/10 regels uit \S*bron\.ndjson: 9 vastgelegd, 1 geweigerd in /);
    const again = await runInProcess(['import', file, '--store', storeA, '--pseudonimiseer'], {
      cwd: dir,
      env: env(KEY_A),
    });
    expect(again.stderr).toMatch(/10 regels uit \S*bron\.ndjson: 0 vastgelegd, 9 waren er al, 1 geweigerd in /);
    const other = await runInProcess(['import', file, '--store', storeB, '--pseudonimiseer'], {
      cwd: dir,
      env: env(KEY_B),
    });
    expect(other.code).toBe(1);

    const textA = await exported(storeA);
    const textB = await exported(storeB);
    const reportA = await runInProcess(['report', '--store', storeA, '--jaar', '2014', '--format', 'json'], {
      cwd: dir,
    });
    const fromFile = await runInProcess(
      ['report', '--from', file, '--jaar', '2014', '--format', 'json', '--pseudonimiseer'],
      { cwd: dir, env: env(KEY_A) },
    );
    // The same figures from the file as from the store. Not the same §5 bron (issue 12): the file's
    // lines have no recordedAt, so each import stamps its own moment, and the digest follows.
    const zonderBron = (text: string) => ({ ...JSON.parse(text), bron: undefined });
    expect(zonderBron(fromFile.stdout)).toEqual(zonderBron(reportA.stdout));
    for (const output of [first, again, other, reportA, fromFile]
      .flatMap((r) => [r.stdout, r.stderr])
      .concat(textA, textB)) {
      for (const id of SOURCE_IDS) expect(output).not.toContain(id);
    }

    const idsOf = (ndjson: string): Set<string> =>
      new Set(
        ndjson
          .trimEnd()
          .split('\n')
          .flatMap((line) => {
            const fields: Record<string, unknown> = JSON.parse(line);
            return [fields.huishouden, fields.werkgever, fields.trajectId].filter(
              (v): v is string => typeof v === 'string',
            );
          }),
      );
    const pseudonymsA = idsOf(textA);
    const pseudonymsB = idsOf(textB);
    expect(pseudonymsA.size).toBe(6);
    for (const id of pseudonymsA) expect(id).toMatch(/^p-[0-9a-f]{32}$/);
    expect([...pseudonymsA].filter((id) => pseudonymsB.has(id))).toEqual([]);
    const key = Buffer.from(KEY_A);
    expect(pseudonymsA).toEqual(
      new Set([
        pseudoniem(key, 'huishouden', '111222333'),
        pseudoniem(key, 'huishouden', 'CASE-2014-000123'),
        pseudoniem(key, 'huishouden', '123456782'),
        pseudoniem(key, 'werkgever', 'KVK-12345678'),
        pseudoniem(key, 'traject', 'TR-0001'),
        pseudoniem(key, 'traject', 'SCH-0002'),
      ]),
    );
  });

  it('derives a missing eventId from the pseudonymised line, never from the source line', async () => {
    const rewrite = pseudonimiseerder(Buffer.from(KEY_A));
    const plainLine = JSON.stringify(source[2]);
    const viaOption = openMemoryStore();
    await importNdjson(viaOption, pieces(Buffer.from(plainLine), 50), { rewrite });
    const fromRewritten = openMemoryStore();
    await importNdjson(fromRewritten, pieces(Buffer.from(JSON.stringify(rewrite(JSON.parse(plainLine)))), 50));
    const fromSource = openMemoryStore();
    await importNdjson(fromSource, pieces(Buffer.from(plainLine), 50));
    const idOf = async (store: typeof viaOption) => {
      for await (const batch of store.readAll()) return batch[0]?.event.eventId;
      return undefined;
    };
    const id = await idOf(viaOption);
    expect(id).toBeDefined();
    expect(id).toBe(await idOf(fromRewritten));
    expect(id).not.toBe(await idOf(fromSource));
  });

  it('a line that is no object, or ids that are neither text nor whole numbers, go to the decoder unchanged', () => {
    const rewrite = pseudonimiseerder(Buffer.from(KEY_A));
    expect(rewrite([1, 2])).toEqual([1, 2]);
    expect(rewrite('h-1')).toBe('h-1');
    expect(rewrite({ huishouden: { a: 1 }, werkgever: 1.5 })).toEqual({ huishouden: { a: 1 }, werkgever: 1.5 });
    const parsed: unknown = JSON.parse('{"__proto__":{"type":"UitkeringGestart"},"huishouden":"x"}');
    const rewritten = rewrite(parsed);
    expect(typeof rewritten === 'object' && rewritten !== null ? Object.keys(rewritten) : []).toEqual([
      '__proto__',
      'huishouden',
    ]);
    expect(Object.getPrototypeOf(rewritten)).toBe(Object.prototype);
  });

  it('works with a store opened by the library too: the export holds only pseudonyms', async () => {
    const spec = storeUrl(freshSchema('pseudo_lib'));
    const store = await openStore(spec);
    try {
      const result = await importNdjson(store, pieces(Buffer.from(text), 64), {
        rewrite: pseudonimiseerder(Buffer.from(KEY_B)),
      });
      expect(result).toMatchObject({ accepted: 9, refused: 1 });
    } finally {
      await store.close();
    }
    const textLib = await exported(spec);
    for (const id of SOURCE_IDS) expect(textLib).not.toContain(id);
  });
});
