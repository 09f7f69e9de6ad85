// Issue 17, point 7: a store holding a fact that no longer decodes (here: a household id that is
// a BSN, which a later codec refuses) stays readable. Before, every report, export and verify
// exited 3, the message printed the BSN from the stream name, export blamed the output file, and
// nothing could repair it. Now report and verify skip and count it, name its position and its
// stream pseudonymised; export writes the rest and reports it; `intrekken --positie N` sets it
// aside, after which the store is clean again.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CorruptStoredEventError,
  type EventStore,
  exportNdjson,
  openMemoryStore,
  type Position,
  type StoredEvent,
  shownStream,
} from '../packages/adapters/src/index.js';
import { openPgliteDriver } from '../packages/adapters/src/pglite.js';
import { runCli } from './support/cli-run.js';
import { start, werk } from './support/store-contract.js';

const BSN = '123456782';

describe('an unreadable fact in a PGlite store, through the CLI', () => {
  let work: string;
  let store: string;
  let positie: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'zelfredzaam-onleesbaar-'));
    store = `pglite:${join(work, 'store')}`;
    const lines = ['h-1', 'h-2', 'h-3'].flatMap((huishouden) => [
      JSON.stringify({ type: 'UitkeringGestart', huishouden, datum: '2013-01-01', regeling: 'Participatiewet' }),
      JSON.stringify({ type: 'InLoondienstGetreden', huishouden, datum: '2014-03-01', uitkering: 'beeindigd' }),
    ]);
    await writeFile(join(work, 'in.ndjson'), `${lines.join('\n')}\n`);
    const imported = await runCli(['import', 'in.ndjson', '--store', store], { cwd: work });
    expect(imported.code, imported.stderr).toBe(0);
    // A fact stored before the codec refused a BSN as a household id (the household's last, so no
    // other fact depends on it).
    const driver = await openPgliteDriver(join(work, 'store'));
    try {
      const [row] = await driver.query(
        `UPDATE zelfredzaam.events SET stream = $1, event = jsonb_set(event::jsonb, '{huishouden}', to_jsonb($2::text))::json
         WHERE position = (SELECT max(position) FROM zelfredzaam.events WHERE stream = 'huishouden-h-2')
         RETURNING position::text`,
        [`huishouden-${BSN}`, BSN],
      );
      positie = String(row?.[0]);
    } finally {
      await driver.close();
    }
  }, 120_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const noBsn = (text: string) => expect(text).not.toContain(BSN);

  it('report skips and counts it, says where it is, and still writes the figures', async () => {
    const result = await runCli(['report', '--jaar', '2014', '--store', store], { cwd: work });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/Onleesbare opgeslagen feiten \(overgeslagen\) +1\n/);
    expect(result.stdout).toMatch(/Volledige uitstroom/);
    expect(result.stderr).toMatch(
      new RegExp(`1 opgeslagen feit is onleesbaar.*\\n  positie ${positie}, stream huishouden-\\[BSN verwijderd\\]`),
    );
    expect(result.stderr).toMatch(new RegExp(`zelfredzaam intrekken --positie ${positie}`));
    noBsn(result.stdout + result.stderr);
    const json = await runCli(['report', '--jaar', '2014', '--store', store, '--format', 'json'], { cwd: work });
    expect(json.code, json.stderr).toBe(1);
    expect(JSON.parse(json.stdout).diagnose).toEqual({ genegeerd: 0, onleesbaar: 1 });
  }, 60_000);

  it('verify names its position and pseudonymised stream', async () => {
    const result = await runCli(['verify', '--store', store, '--format', 'json'], { cwd: work });
    expect(result.code, result.stderr).toBe(1);
    const controle = JSON.parse(result.stdout);
    expect(controle.feiten).toBe(5);
    const onleesbaar = controle.schendingen.filter((s: { code: string }) => s.code === 'ONLEESBAAR');
    expect(onleesbaar).toHaveLength(1);
    expect(onleesbaar[0].positie).toBe(positie);
    expect(onleesbaar[0].huishouden).toBe('huishouden-[BSN verwijderd]');
    noBsn(result.stdout + result.stderr);
  }, 60_000);

  it('export writes every other fact and reports the unreadable one, never blaming the file', async () => {
    const result = await runCli(['export', 'uit.ndjson', '--store', store], { cwd: work });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).not.toMatch(/kan niet worden geschreven/);
    expect(result.stderr).toMatch(/5 feiten .* geëxporteerd/);
    expect(result.stderr).toMatch(new RegExp(`positie ${positie}, stream huishouden-\\[BSN verwijderd\\]`));
    expect((await readFile(join(work, 'uit.ndjson'), 'utf8')).trimEnd().split('\n')).toHaveLength(5);
    noBsn(result.stdout + result.stderr);
  }, 60_000);

  it('intrekken refuses a readable fact, sets the unreadable one aside, and the store is clean again', async () => {
    const readable = await runCli(['intrekken', '--positie', '1', '--store', store], { cwd: work });
    expect(readable.code, readable.stderr).toBe(1);
    expect(readable.stderr).toMatch(/positie 1: dit feit is leesbaar/);

    const result = await runCli(['intrekken', '--positie', positie, '--store', store], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(new RegExp(`positie ${positie} .*apart gezet`));
    noBsn(result.stdout + result.stderr);

    const verify = await runCli(['verify', '--store', store, '--format', 'json'], { cwd: work });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(JSON.parse(verify.stdout).feiten).toBe(5);
    const exported = await runCli(['export', '-', '--store', store], { cwd: work });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.trimEnd().split('\n')).toHaveLength(5);

    // Kept as it was, with why.
    const driver = await openPgliteDriver(join(work, 'store'));
    try {
      const rows = await driver.query('SELECT position::text, stream, reason FROM zelfredzaam.set_aside');
      expect(rows).toEqual([[positie, `huishouden-${BSN}`, expect.stringMatching(/veld huishouden/)]]);
    } finally {
      await driver.close();
    }
  }, 120_000);
});

describe('an import that meets an unreadable fact in a household history', () => {
  it('stops with one Dutch line naming its position and how to set it aside', async () => {
    const work = await mkdtemp(join(tmpdir(), 'zelfredzaam-onleesbaar-'));
    try {
      const store = `pglite:${join(work, 'store')}`;
      const start = { type: 'UitkeringGestart', huishouden: 'h-3', datum: '2013-01-01', regeling: 'Participatiewet' };
      await writeFile(join(work, 'a.ndjson'), `${JSON.stringify(start)}\n`);
      expect((await runCli(['import', 'a.ndjson', '--store', store], { cwd: work })).code).toBe(0);
      const driver = await openPgliteDriver(join(work, 'store'));
      let positie: string;
      try {
        const [row] = await driver.query(
          `UPDATE zelfredzaam.events SET event = jsonb_set(event::jsonb, '{regeling}', '"Onbekend"')::json
           RETURNING position::text`,
        );
        positie = String(row?.[0]);
      } finally {
        await driver.close();
      }
      const werk = { type: 'InLoondienstGetreden', huishouden: 'h-3', datum: '2014-03-01', uitkering: 'beeindigd' };
      await writeFile(join(work, 'b.ndjson'), `${JSON.stringify(werk)}\n`);
      const result = await runCli(['import', 'b.ndjson', '--store', store], { cwd: work });
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(
        new RegExp(
          `positie ${positie}, stream huishouden-h-3, revisie 0: opgeslagen gebeurtenis onleesbaar — .*regeling.*; zet dat feit apart met: zelfredzaam intrekken --positie ${positie}`,
        ),
      );
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('export of a store that hands out a malformed fact', () => {
  it('writes the rest and reports it instead of crashing with a TypeError (the memory store, filled by a library user)', async () => {
    const memory = openMemoryStore();
    await memory.appendToStream('huishouden-h-1', 'no_stream', [start('h-1', '2014-01-01'), werk('h-1', '2014-06-01')]);
    const good: StoredEvent[] = [];
    for await (const batch of memory.readAll()) good.push(...batch);
    const malformed = {
      stream: 'huishouden-h-9',
      revision: 0,
      position: '9' as Position,
      event: { type: 'Onbekend', huishouden: 'h-9' },
    } as unknown as StoredEvent;
    const store: EventStore = {
      ...memory,
      readAll: async function* () {
        yield [good[0] as StoredEvent, malformed, good[1] as StoredEvent];
      },
    };
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const result = await exportNdjson(store, output);
    expect(result.events).toBe(2);
    expect(result.unreadableCount).toBe(1);
    expect(result.unreadable[0]).toMatchObject({ position: '9', stream: 'huishouden-h-9' });
    expect(text.trimEnd().split('\n')).toHaveLength(2);
  });
});

describe('messages about unreadable facts', () => {
  it('never show a BSN or a long run of digits from a stream name', () => {
    expect(shownStream(`huishouden-${BSN}`)).toBe('huishouden-[BSN verwijderd]');
    expect(shownStream('huishouden-h-1234.56.782')).not.toMatch(/\d{4}/);
    expect(shownStream('huishouden-h-111 222 333')).not.toMatch(/\d{3}/);
    expect(shownStream('huishouden-h-0042')).toBe('huishouden-h-0042');
    const error = new CorruptStoredEventError(`huishouden-${BSN}`, 3, 'kapot', '17' as Position);
    expect(error.message).toBe(
      'positie 17, stream huishouden-[BSN verwijderd], revisie 3: opgeslagen gebeurtenis onleesbaar — kapot',
    );
  });
});
