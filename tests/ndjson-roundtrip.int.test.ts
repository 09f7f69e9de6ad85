// Import → export → import of a generated history of 100,000 events (issue 4, "done when"):
// the second export is byte-identical to the first, a re-import adds nothing, and the export
// holds exactly the file's facts (with the derived eventIds of lines that had none). On the
// in-memory store and on PostgreSQL.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EventStore,
  exportNdjsonFile,
  importNdjsonFile,
  openMemoryStore,
} from '../packages/adapters/src/index.js';
import { openPostgresStore } from '../packages/adapters/src/postgres.js';
import { writeHistoryFile } from './support/history.js';
import { dropSchemas, freshSchema, postgresUrl } from './support/postgres.js';

const EVENTS = 100_000;
const url = postgresUrl();
const schemas: string[] = [];
let dir: string;
let source: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-roundtrip-'));
  source = join(dir, 'source.ndjson');
  await writeHistoryFile(source, EVENTS, 4, { bareEvery: 7 });
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await dropSchemas(url, schemas);
});

const ENVELOPE = new Set(['eventId', 'recordedAt']);

/** A line's fields without its envelope, as a comparable text. */
const contentOf = (line: string): string =>
  JSON.stringify(Object.entries(JSON.parse(line) as Record<string, unknown>).filter(([key]) => !ENVELOPE.has(key)));

const nonEmptyLines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

const roundTrip = async (name: string, open: () => Promise<EventStore>): Promise<void> => {
  const first = await open();
  const second = await open();
  try {
    const imported = await importNdjsonFile(first, source);
    expect(imported).toMatchObject({ lines: EVENTS, accepted: EVENTS, refused: 0 });
    const e1 = join(dir, `${name}-1.ndjson`);
    expect((await exportNdjsonFile(first, e1)).events).toBe(EVENTS);

    expect(await importNdjsonFile(second, e1)).toMatchObject({ accepted: EVENTS, refused: 0 });
    const e2 = join(dir, `${name}-2.ndjson`);
    await exportNdjsonFile(second, e2);
    const [bytes1, bytes2] = await Promise.all([readFile(e1), readFile(e2)]);
    expect(bytes1.equals(bytes2), 'tweede export byte-gelijk aan de eerste').toBe(true);

    expect(await importNdjsonFile(second, e1)).toMatchObject({ accepted: 0, alreadyStored: EVENTS, refused: 0 });
    expect(await importNdjsonFile(first, source)).toMatchObject({ accepted: 0, alreadyStored: EVENTS, refused: 0 });

    // The export holds exactly the source's facts; lines with an envelope keep it.
    const sourceLines = nonEmptyLines(await readFile(source, 'utf8'));
    const exported = nonEmptyLines(bytes1.toString('utf8'));
    expect(exported.map(contentOf).sort()).toEqual(sourceLines.map(contentOf).sort());
    const exportedById = new Map(exported.map((line) => [String(JSON.parse(line).eventId), line]));
    for (const line of sourceLines) {
      const parsed = JSON.parse(line) as { eventId?: string };
      if (parsed.eventId !== undefined) expect(exportedById.get(parsed.eventId)).toBe(line);
    }
  } finally {
    await first.close();
    await second.close();
  }
};

describe(`NDJSON round trip of ${EVENTS} generated events`, () => {
  it('in memory', async () => {
    await roundTrip('memory', async () => openMemoryStore());
  }, 180_000);

  it('PostgreSQL', async () => {
    await roundTrip('postgres', () => {
      const schema = freshSchema('rt');
      schemas.push(schema);
      return openPostgresStore(url, { schema });
    });
  }, 180_000);
});
