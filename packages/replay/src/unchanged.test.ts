// A file that changes while its parts read it (an export still being written) is refused, not
// read half: every part must have seen the same file (unchanged.ts).
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInstant, type RecordedAt } from '@zelfredzaam/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { decideNdjsonFile, decideNdjsonFileHere } from './decide-file.js';
import { replayNdjsonFile, replayNdjsonFileHere } from './replay.js';
import { assertUnchanged, FileChangedError, stampOf } from './unchanged.js';

const dir = mkdtempSync(join(tmpdir(), 'zelfredzaam-unchanged-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

const now = formatInstant(Date.UTC(2020, 0, 1)) as RecordedAt;

/** A line of a recorded fact of household h-k. */
const line = (k: number): string =>
  JSON.stringify({
    type: 'UitkeringGestart',
    huishouden: `h-${k}`,
    datum: '2014-01-01',
    regeling: 'Participatiewet',
    eventId: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
    recordedAt: '2014-01-02T09:00:00.000Z',
  });

const file = (households: number): string => {
  const path = join(dir, `f-${counter++}.ndjson`);
  writeFileSync(path, `${Array.from({ length: households }, (_, k) => line(k + 1)).join('\n')}\n`);
  return path;
};

describe('a file that changes while it is read in parts', () => {
  it('decideNdjsonFile (report --from) fails with FileChangedError when lines are added meanwhile', async () => {
    const path = file(200);
    const reading = decideNdjsonFile(path, { now, workers: 2 });
    // The worker threads start and read after this: the file they read is not the one stamped.
    appendFileSync(path, `${line(9001)}\n`);
    await expect(reading).rejects.toThrow(FileChangedError);
    await expect(decideNdjsonFile(path, { now, workers: 2 })).resolves.toMatchObject({ accepted: 201 });
  }, 60_000);

  it('replayNdjsonFile fails with FileChangedError when lines are added meanwhile', async () => {
    const path = file(200);
    const reading = replayNdjsonFile(path, { workers: 2 });
    appendFileSync(path, `${line(9001)}\n`);
    await expect(reading).rejects.toThrow(/veranderde terwijl het werd gelezen/);
    await expect(replayNdjsonFile(path, { workers: 2 })).resolves.toMatchObject({ facts: 201 });
  }, 60_000);

  it('an unchanged file reads as before, in one part and in parts', async () => {
    const path = file(50);
    expect(decideNdjsonFileHere(path, { now }).accepted).toBe(50);
    expect(replayNdjsonFileHere(path).facts).toBe(50);
    expect((await replayNdjsonFile(path, { workers: 2 })).facts).toBe(50);
  }, 60_000);

  it('the check: another size, time or file, or a part that read another length, is a change', () => {
    const path = file(3);
    const before = stampOf(path);
    expect(() => assertUnchanged(path, before, [before.size, before.size])).not.toThrow();
    expect(() => assertUnchanged(path, before, [before.size, before.size - 1])).toThrow(FileChangedError);
    appendFileSync(path, `${line(4)}\n`);
    expect(() => assertUnchanged(path, before, [before.size])).toThrow(/bytes bij het begin/);
    // Replaced by another file of the same size (written beside it and renamed over it).
    const path2 = file(3);
    const before2 = stampOf(path2);
    const other = join(dir, 'other.ndjson');
    writeFileSync(other, `${[7, 8, 9].map(line).join('\n')}\n`);
    renameSync(other, path2);
    expect(stampOf(path2).size).toBe(before2.size);
    expect(() => assertUnchanged(path2, before2, [before2.size])).toThrow(FileChangedError);
    // Gone.
    rmSync(path2);
    expect(() => assertUnchanged(path2, before2, [before2.size])).toThrow(/nu weg/);
  });
});
