// Issue 7, point 6: injection.
// - SQL: quotes, semicolons and SQL in every string field the codecs let through (the free
//   texts), through the importer and through raw port calls, are stored and read back verbatim
//   by PostgreSQL, and nothing runs; hostile stream, subscriber and schema names and positions
//   are parameters, or refused before any SQL.
// - gRPC (EventStoreDB, the loopback test server): the same texts and names round-trip verbatim.
// - HTML: every string of the report is escaped — a generated property over every text input of
//   the formatter (the tag and quote structure of the page never changes), and a `<script>` norm
//   explanation through `report --format html`.
// - CSV: a cell that starts with =, +, -, @, a tab or a carriage return is neutralised.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStoreDb } from '../packages/adapters/src/esdb/index.js';
import {
  type EventStore,
  exportNdjson,
  importNdjson,
  type Position,
  type SqlDriver,
} from '../packages/adapters/src/index.js';
import { openPgDriver, openPostgresStore } from '../packages/adapters/src/postgres.js';
import {
  type Cel,
  escapeHtml,
  formatCsv,
  formatHtml,
  neutraliseer,
  type RapportModel,
} from '../packages/cli/src/index.js';
import { decode, encode, type Identified, streamNameOf } from '../packages/domain/src/index.js';
import { uuidFrom, willekeurigFeit } from '../packages/domain/src/testing/index.js';
import { runInProcess } from './support/cli-world.js';
import { type EsdbTestServer, startEsdbTestServer } from './support/esdb-test-server.js';
import { pieces } from './support/ndjson-fuzz.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';
import { identified } from './support/store-contract.js';

/** Generated cases per property (reported in the note). */
const INJECTION_RUNS = { html: 300, csv: 2_000 } as const;

/** Texts that would do harm if spliced into SQL, JSON or a gRPC path (each ≤ 40 characters). */
const HOSTILE = [
  "'; DROP TABLE events; --",
  "x'); DELETE FROM events; --",
  '" OR 1=1 --',
  "Robert'); DROP SCHEMA public;--",
  '$1 $2 ::text',
  "\\'; SELECT pg_sleep(5); --",
  '"},{"s":"x","r":0,"e":{}}]',
  '/* */ UNION SELECT * FROM',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder as hostile text, on purpose.
  '%s%n%x {{x}} ${x}',
  '<script>alert(1)</script>',
  'ünïcødé ‮ 😀 ;',
] as const;

/** Names for streams, subscribers, schemas and positions: also long, and with controls. */
const HOSTILE_NAMES = [...HOSTILE, 'a\u0000b', 'x\ny', `${'z'.repeat(10_000)}';--`, '', ' '];

const url = postgresUrl();
const schemas: string[] = [];
let driver: SqlDriver;
let dir: string;

beforeAll(async () => {
  driver = await openPgDriver(url, { poolSize: 2 });
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-injectie-'));
});
afterAll(async () => {
  await driver.close();
  await dropSchemas(url, schemas);
  await rm(dir, { recursive: true, force: true });
});

/** Facts of every event type that has a free-text field, that field holding each hostile text; each in a stream of its own. */
const hostileFacts = (): Identified[] => {
  const facts: Identified[] = [];
  const seen = new Set<string>();
  const tried = new Set<string>();
  let n = 0;
  for (const feit of fc.sample(willekeurigFeit(), { numRuns: 3_000, seed: 7 })) {
    const fields = encode(feit);
    for (const key of Object.keys(fields)) {
      if (key === 'type' || key === 'eventId' || key === 'recordedAt' || typeof fields[key] !== 'string') continue;
      // One sample per type and field: every hostile text in each field that takes text.
      if (seen.has(`${feit.type}.${key}`) || tried.has(`${feit.type}.${key}`)) continue;
      tried.add(`${feit.type}.${key}`);
      for (const text of HOSTILE) {
        const subject = 'werkgever' in fields ? { werkgever: `wg-inj-${n}` } : { huishouden: `h-inj-${n}` };
        const decoded = decode({ ...fields, ...subject, [key]: text });
        if (decoded._tag === 'Left') continue;
        seen.add(`${feit.type}.${key}`);
        facts.push({ ...decoded.right, eventId: uuidFrom(`injectie-${n++}`) });
      }
    }
  }
  // At least the retraction's reden (MEETREGELS §2) and the free texts of §7.1.
  expect([...seen].sort()).toEqual(
    expect.arrayContaining([
      'GebeurtenisIngetrokken.reden',
      'MinimaregelingToegekend.regeling',
      'TrajectGestart.soort',
    ]),
  );
  return facts;
};

const tablesOf = async (schema: string): Promise<string[]> =>
  (await driver.query('SELECT tablename::text FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema])).map(
    (row) => String(row[0]),
  );

describe('SQL: hostile texts and names never run (PostgreSQL)', () => {
  it('free texts in every field that allows them: stored and read back verbatim, nothing executed', async () => {
    const schema = freshSchema('injectie');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    try {
      await driver.query(`CREATE TABLE "${schema}".kanarie (x text)`);
      await driver.query(`INSERT INTO "${schema}".kanarie VALUES ($1)`, ['levend']);
      const facts = hostileFacts();
      // Raw port calls: each fact in its own stream, no decider (the lifecycle is not the point).
      const outcomes = await store.append(
        facts.map((f) => ({ stream: streamNameOf(f), expectedRevision: 'no_stream' as const, events: [f] })),
      );
      expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
      const read = await store.readStreams(outcomes.map((o) => o.stream));
      // recordedAt was given (canonical), so the whole fact comes back as it went in.
      outcomes.forEach((outcome, i) => {
        expect(read.get(outcome.stream)?.[0]?.event).toEqual(facts[i]);
      });
      // The export holds the same texts, as JSON.
      const exported: Buffer[] = [];
      await exportNdjson(
        store,
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            exported.push(chunk);
            done();
          },
        }),
      );
      const text = Buffer.concat(exported).toString('utf8');
      for (const hostile of HOSTILE) expect(text).toContain(JSON.stringify(hostile).slice(1, -1));
      expect(await tablesOf(schema)).toEqual(['checkpoints', 'events', 'kanarie', 'schema_version']);
      expect(await driver.query(`SELECT x FROM "${schema}".kanarie`)).toEqual([['levend']]);
      const [count] = await driver.query(`SELECT count(*)::int FROM "${schema}".events`);
      expect(count).toEqual([facts.length]);
    } finally {
      await store.close();
    }
  });

  it('through the importer: a retraction reden with SQL in it is stored verbatim', async () => {
    const schema = freshSchema('injectie_import');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    try {
      const start = { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', eventId: randomUUID() };
      const lines = [
        start,
        ...HOSTILE.map((reden, i) => ({
          type: 'MinimaregelingToegekend',
          huishouden: 'h-1',
          datum: '2014-02-01',
          regeling: reden,
          eventId: uuidFrom(`regeling-${i}`),
        })),
        { type: 'GebeurtenisIngetrokken', huishouden: 'h-1', ingetrokken: start.eventId, reden: HOSTILE[0] },
      ];
      const result = await importNdjson(store, pieces(Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')), 33));
      expect(result).toMatchObject({ accepted: lines.length, refused: 0 });
      const stored = (await store.readStream('huishouden-h-1')).map((e) => e.event);
      expect(stored.flatMap((e) => ('regeling' in e ? [e.regeling] : []))).toEqual([...HOSTILE]);
      expect(stored[stored.length - 1]).toMatchObject({ type: 'GebeurtenisIngetrokken', reden: HOSTILE[0] });
    } finally {
      await store.close();
    }
  });

  it('hostile stream, subscriber, schema names and positions: parameters, or refused before any SQL', async () => {
    const schema = freshSchema('injectie_namen');
    schemas.push(schema);
    const store = await openPostgresStore(url, { schema });
    try {
      const [appended] = await store.appendToStream('huishouden-h-1', 'no_stream', [
        identified({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' }, 'naam-1'),
      ]);
      const position = appended?.position;
      if (position === undefined) throw new Error('niets opgeslagen');
      // PostgreSQL text cannot hold U+0000: such a name is refused by the server, as a parameter.
      for (const name of HOSTILE_NAMES.filter((n) => n.includes('\u0000'))) {
        await expect(store.readStream(name)).rejects.toThrow();
        await expect(store.saveCheckpoint(name, position)).rejects.toThrow();
      }
      for (const name of HOSTILE_NAMES.filter((n) => !n.includes('\u0000'))) {
        expect(await store.readStream(name)).toEqual([]);
        expect(await store.readStream(`huishouden-${name}`)).toEqual([]);
        await store.saveCheckpoint(name, position);
        expect(await store.loadCheckpoint(name)).toBe(position);
        await expect(store.appendToStream(name, 'any', [])).resolves.toEqual([]);
        await expect(
          store.appendToStream(name, 'any', [
            identified({ type: 'UitkeringGestart', huishouden: 'h-2', datum: '2014-01-01' }, `naam-${name}`),
          ]),
        ).rejects.toThrow(/hoort in stream huishouden-h-2/);
        await expect(
          store
            .readAll({ after: name as Position })
            [Symbol.asyncIterator]()
            .next(),
        ).rejects.toThrow(/positie/);
        await expect(openPostgresStore(url, { schema: name })).rejects.toThrow(/schemanaam .* ongeldig/);
        const viaUrl = new URL(url);
        viaUrl.searchParams.set('schema', name);
        await expect(openPostgresStore(viaUrl.toString())).rejects.toThrow(/schemanaam .* ongeldig/);
      }
      const names = HOSTILE_NAMES.filter((n) => !n.includes('\u0000'));
      const read = await store.readStreams(names);
      for (const name of names) expect(read.get(name)).toEqual([]);
      expect(await tablesOf(schema)).toEqual(['checkpoints', 'events', 'schema_version']);
      const [count] = await driver.query(`SELECT count(*)::int FROM "${schema}".events`);
      expect(count).toEqual([1]);
    } finally {
      await store.close();
    }
  });
});

describe('gRPC: hostile texts and names round-trip verbatim (EventStoreDB test server)', () => {
  let server: EsdbTestServer;
  let store: EventStore;
  beforeAll(async () => {
    server = await startEsdbTestServer();
    store = await openEventStoreDb(server.connectionString, { namespace: `i${randomUUID().slice(0, 8)}.` });
  });
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('free texts, stream names and subscriber names', async () => {
    const facts = hostileFacts().filter((f) => 'huishouden' in f);
    let position: Position | undefined;
    for (const fact of facts) {
      await store.appendToStream(streamNameOf(fact), 'no_stream', [fact]);
      const [stored] = await store.readStream(streamNameOf(fact));
      expect(stored?.event).toEqual(fact);
      position ??= stored?.position;
    }
    if (position === undefined) throw new Error('niets opgeslagen');
    for (const name of HOSTILE_NAMES.filter((n) => n !== '' && !n.includes('\u0000'))) {
      expect(await store.readStream(`huishouden-${name}`)).toEqual([]);
      await store.saveCheckpoint(name, position);
      expect(await store.loadCheckpoint(name)).toBe(position);
    }
  });
});

describe('HTML: every string escaped', () => {
  /** The page's structure: its tags and quotes, without the text between them. */
  const skeleton = (html: string): string => html.replace(/[^<>"']/g, '');

  const text = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom(
      ...HOSTILE,
      '<img src=x onerror=alert(1)>',
      '"><svg onload=alert(1)>',
      "'><a href='javascript:x'>",
      '&lt;b&gt;',
      '</style><script>',
      '\u0000<\u0007>',
    ),
  );

  const modelOf = (t: (i: number) => string): RapportModel => {
    const cel = (i: number): Cel =>
      i % 3 === 0
        ? { soort: 'tekst', tekst: t(i) }
        : i % 3 === 1
          ? { soort: 'getal', waarde: i, eenheid: 'aantal' }
          : { soort: 'leeg' };
    return {
      titel: t(0),
      secties: [1, 2].map((s) => ({
        id: t(10 * s),
        titel: t(10 * s + 1),
        kolommen: [t(10 * s + 2), t(10 * s + 3)],
        rijen: [0, 1, 2].map((r) => ({
          label: t(100 * s + r),
          niveau: r === 0 ? 0 : 1,
          cellen: [cel(100 * s + 10 * r), cel(100 * s + 10 * r + 1)],
        })),
        voetnoten: [t(10 * s + 4), t(10 * s + 5)],
        grafiek: {
          eenheid: 'aantal',
          punten: [
            { jaar: 2014, gerealiseerd: 1, norm: 2 },
            { jaar: 2015, gerealiseerd: 3, norm: null },
          ],
        },
      })),
    };
  };

  it(`generated texts in every input (title, ids, columns, labels, cells, notes, subtitle) never change the page's structure (${INJECTION_RUNS.html} cases)`, () => {
    const benign = formatHtml(
      modelOf((i) => `tekst${i}`),
      { ondertitel: 'bron' },
    );
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 40 }), text, (texts, ondertitel) => {
        const html = formatHtml(
          modelOf((i) => texts[i % texts.length] ?? ''),
          { ondertitel },
        );
        expect(skeleton(html)).toBe(skeleton(benign));
        expect(html).not.toMatch(/<script|<img|<svg onload|<a /i);
        for (const t of [texts[0] ?? '', ondertitel]) expect(html).toContain(escapeHtml(t));
      }),
      { numRuns: INJECTION_RUNS.html },
    );
  });

  it('a <script> household id is refused by the codec, and a <script> norm explanation is escaped in the page', async () => {
    const file = join(dir, 'feiten.ndjson');
    await writeFile(
      file,
      [
        { type: 'UitkeringGestart', huishouden: '<script>alert(1)</script>', datum: '2014-01-01' },
        { type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const normen = join(dir, 'normen.json');
    await writeFile(
      normen,
      JSON.stringify([
        { indicator: 'volledigeUitstroom', jaar: 2014, waarde: 1, toelichting: '<script>alert("norm")</script>' },
      ]),
    );
    const result = await runInProcess(
      ['report', '--from', file, '--jaar', '2014', '--normen', normen, '--format', 'html'],
      {
        cwd: dir,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^regel 1: UitkeringGestart ongeldig — veld huishouden: .*ontvangen een tekst van 25 tekens \(niet getoond\)/,
    );
    expect(result.stderr).not.toContain('<script');
    expect(result.stdout).not.toContain('<script');
    expect(result.stdout).toContain('&#60;script&#62;alert(&#34;norm&#34;)&#60;/script&#62;');
  });
});

describe('CSV: formula injection neutralised', () => {
  /** Parses RFC 4180 text into rows of fields. */
  const parseCsv = (text: string): string[][] => {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (c === '"') quoted = false;
        else field += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        row.push(field);
        field = '';
      } else if (c === '\r' && text[i + 1] === '\n') {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
        i++;
      } else field += c;
    }
    return rows;
  };

  it('neutralises =, +, -, @, tab and carriage return at the start of a cell', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(neutraliseer(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    }
    expect(neutraliseer('\r\n=1+1')).toBe("'\r\n=1+1");
  });

  it(`every text cell of a generated report reads back as itself, neutralised, never as a formula (${INJECTION_RUNS.csv} cases)`, () => {
    const text = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('=1+1', '+31 6', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")', 'a,"b"\r\nc'),
    );
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 5, maxLength: 5 }),
        ([id = '', titel = '', kolom = '', label = '', cel = '']) => {
          const model: RapportModel = {
            titel,
            secties: [
              {
                id,
                titel,
                kolommen: [kolom],
                rijen: [{ label, niveau: 0, cellen: [{ soort: 'tekst', tekst: cel }] }],
                voetnoten: [cel],
              },
            ],
          };
          const rows = parseCsv(formatCsv(model).replace(/^\uFEFF/, ''));
          expect(rows[0]).toEqual(['sectie', 'rij', 'eenheid', neutraliseer(kolom)]);
          expect(rows[1]).toEqual([neutraliseer(id), neutraliseer(label), '', neutraliseer(cel)]);
          expect(rows[2]).toEqual([neutraliseer(id), 'voetnoot', '', neutraliseer(cel)]);
          for (const field of rows.flat()) expect(field).not.toMatch(/^[=+\-@\t\r]/);
        },
      ),
      { numRuns: INJECTION_RUNS.csv },
    );
  });
});
