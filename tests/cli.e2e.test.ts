// Issue 5: the `zelfredzaam` command as a user runs it (a child process from the sources, as
// `pnpm zelfredzaam` does): reports from a file and from a store, every format, refusals with
// line numbers, usage errors, help, verify, import/export and the demo.
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importNdjson, openMemoryStore } from '../packages/adapters/src/index.js';
import { decodeRecorded, describeDecodeError, type Recorded } from '../packages/domain/src/index.js';
import {
  BronHash,
  herziening,
  jaarrapport,
  type Parameters,
  replay,
  resolveParameters,
  sha256Van,
} from '../packages/projections/src/index.js';
import { ROOT, runCli } from './support/cli-run.js';

let work: string;
let lines: string[];
let facts: Recorded[];
/** The same facts in the order a store records them on import (MEETREGELS §5 bron: recorded order). */
let recorded: Recorded[];
const file = (name: string): string => join(work, name);

// For the demo's years (≤ 2015) the 2.0 defaults (peildatum Y-12-31, evaluatiedatum
// (Y+1)-06-30) are the same on any day after 2016, so the CLI's "today" and this one agree.
const VANDAAG = '2100-01-01';
const VERSIE: string = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version;

/** The library call for the same history: replay, then jaarrapport with the same parameters. */
const library = (history: readonly Recorded[], jaar: number, extra: Record<string, string> = {}) => {
  const parameters = resolveParameters({ jaar, ...extra }, VANDAAG);
  if (parameters._tag === 'Left') throw new Error(parameters.left.bericht);
  return { state: replay(history), parameters: parameters.right };
};

/** The library's §5 object with `bron` as the CLI fills it: the facts' digest and the tool's version. */
const rapport = (_history: readonly Recorded[], l: ReturnType<typeof library>) =>
  jaarrapport(l.state, l.parameters, {
    sha256: sha256Van(recorded, l.parameters.kennisdatum),
    versie: VERSIE,
  });
const viaLibrary = (history: readonly Recorded[], jaar: number, extra: Record<string, string> = {}) =>
  rapport(history, library(history, jaar, extra));

const NO_STACK = /\n\s+at .+:\d+:\d+/;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'zelfredzaam-cli-'));
  const demo = await runCli(['demo', '--ndjson', 'demo.ndjson', '--huishoudens', '500', '--seed', '17'], { cwd: work });
  expect(demo.code, demo.stderr).toBe(0);
  lines = readFileSync(file('demo.ndjson'), 'utf8').trimEnd().split('\n');
  facts = lines.map((line) => {
    const decoded = decodeRecorded(JSON.parse(line));
    if (decoded._tag === 'Left') throw new Error(describeDecodeError(decoded.left));
    return decoded.right;
  });
  // The import into a store (as `report --from` does, in memory) records them in its order.
  const store = openMemoryStore({ compact: true });
  await importNdjson(store, createReadStream(file('demo.ndjson')), {});
  recorded = [];
  for await (const batch of store.readAll({ batchSize: 10_000 })) for (const s of batch) recorded.push(s.event);
  await store.close();
}, 60_000);

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

describe('report --from FILE', () => {
  it('--jaar Y --format json prints exactly the §5 object of replay + jaarrapport for the same history', async () => {
    const result = await runCli(['report', '--from', 'demo.ndjson', '--jaar', '2014', '--format', 'json'], {
      cwd: work,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual(viaLibrary(facts, 2014));
    expect(result.stdout).toBe(`${JSON.stringify(viaLibrary(facts, 2014), null, 2)}\n`);
    expect(JSON.parse(result.stdout).bron).toMatchObject({ meetregels: '2.0', versie: VERSIE, feiten: facts.length });
  });

  it('passes --peildatum, --evaluatiedatum, --meetdatum and --kennisdatum on, and gives a list for --jaren', async () => {
    const extra = {
      peildatum: '2015-09-30',
      evaluatiedatum: '2015-03-31',
      meetdatum: '2015-06-30',
      kennisdatum: '2015-02-01T12:00:00Z',
    };
    const single = await runCli(
      [
        'report',
        '--from',
        'demo.ndjson',
        '--jaar',
        '2014',
        '--format',
        'json',
        ...Object.entries(extra).flatMap(([k, v]) => [`--${k}`, v]),
      ],
      { cwd: work },
    );
    expect(single.code, single.stderr).toBe(0);
    expect(JSON.parse(single.stdout)).toEqual(viaLibrary(facts, 2014, extra));

    const list = await runCli(['report', '--from', 'demo.ndjson', '--jaren', '2012-2015', '--format', 'json'], {
      cwd: work,
    });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([2012, 2013, 2014, 2015].map((jaar) => viaLibrary(facts, jaar)));
  });

  it('relative dates +N resolve per year in a series (+8 meetdatum, +4 kennisdatum), equal to their absolute dates', async () => {
    const relatief = await runCli(
      [
        ...['report', '--from', 'demo.ndjson', '--jaren', '2012-2015', '--format', 'json'],
        ...['--meetdatum', '+8', '--kennisdatum', '+4', '--peildatum', '+0', '--evaluatiedatum', '+6'],
      ],
      { cwd: work },
    );
    expect(relatief.code, relatief.stderr).toBe(0);
    const list = JSON.parse(relatief.stdout) as { meetdatum: string; kennisdatum: string; evaluatiedatum: string }[];
    expect(list.map((r) => [r.meetdatum, r.kennisdatum])).toEqual([
      ['2013-08-31', '2013-04-30'],
      ['2014-08-31', '2014-04-30'],
      ['2015-08-31', '2015-04-30'],
      ['2016-08-31', '2016-04-30'],
    ]);
    expect(list).toEqual(
      [2012, 2013, 2014, 2015].map((jaar) =>
        viaLibrary(facts, jaar, { meetdatum: `${jaar + 1}-08-31`, kennisdatum: `${jaar + 1}-04-30` }),
      ),
    );
    // +2 clamps to February's end.
    const feb = await runCli(
      ['report', '--from', 'demo.ndjson', '--jaar', '2015', '--format', 'json', '--evaluatiedatum', '+2'],
      { cwd: work },
    );
    expect(JSON.parse(feb.stdout).evaluatiedatum).toBe('2016-02-29');
  });

  it('refuses a date before 1 January of the year, naming the year (exit 2)', async () => {
    const result = await runCli(
      ['report', '--from', 'demo.ndjson', '--jaren', '2013-2014', '--peildatum', '2013-12-31'],
      { cwd: work },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('peildatum: 31 december 2013 ligt vóór 1 januari 2014');
    expect(result.stdout).toBe('');
  });

  it('lists refused lines with their numbers on stderr, exits 1, and reports on what was accepted', async () => {
    const bad = [
      '{"type":"InLoondienstGetreden","huishouden":"x-1","datum":"2014-03-01","uitkering":"beeindigd"}',
      'dit is geen json',
      '{"type":"UitkeringGestart","huishouden":"x-2","datum":"2014-02-30"}',
      '{"type":"Verhuisd","huishouden":"x-3","datum":"2014-01-01"}',
    ];
    // Bad lines at 1, 101, 201, 301 (1-based), the demo's lines around them.
    const mixed = [...lines];
    for (const [i, line] of bad.entries()) mixed.splice(i * 100, 0, line);
    writeFileSync(file('mixed.ndjson'), `${mixed.join('\n')}\n`);
    const result = await runCli(['report', '--from', 'mixed.ndjson', '--jaar', '2014', '--format', 'json'], {
      cwd: work,
    });
    expect(result.code).toBe(1);
    const refusals = result.stderr.split('\n').filter((l) => l.startsWith('regel '));
    expect(refusals.map((l) => l.split(':')[0])).toEqual(['regel 1', 'regel 101', 'regel 201', 'regel 301']);
    expect(refusals[0]).toContain(
      'huishouden x-1: InLoondienstGetreden op 2014-03-01 geweigerd — er loopt op die datum geen bijstand',
    );
    expect(refusals[1]).toContain('geen geldige JSON');
    expect(refusals[2]).toContain('datum');
    expect(refusals[3]).toContain('type');
    expect(result.stderr).toContain(`${mixed.length.toLocaleString('nl-NL')} regels uit mixed.ndjson`);
    expect(result.stderr).not.toMatch(NO_STACK);
    // The same figures; bron.sha256 follows the order the import recorded the accepted facts in
    // (its chunks shift with the refused lines), so it is the only number that may differ.
    const expected = viaLibrary(facts, 2014);
    expect(JSON.parse(result.stdout)).toEqual({
      ...expected,
      bron: { ...expected.bron, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('--kennisdatum T --vergelijk prints the figures as published on T, as known now, and the difference', async () => {
    const args = ['report', '--from', 'demo.ndjson', '--jaar', '2014', '--kennisdatum', '2015-01-20', '--vergelijk'];
    const table = await runCli(args, { cwd: work });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('2014: gepubliceerd op 20 januari 2015 en nu bekend');
    expect(table.stdout).toMatch(/Gepubliceerd 20 januari 2015 +Nu bekend +Verschil/);
    const json = await runCli([...args, '--format', 'json'], { cwd: work });
    // As published on T: the evaluatiedatum defaulted to the day of publication, 2015-01-20.
    const published = resolveParameters({ jaar: 2014 }, '2015-01-20');
    if (published._tag === 'Left') throw new Error(published.left.bericht);
    const hash = new BronHash([null, '2015-01-20']);
    for (const f of recorded) hash.voegToe(f);
    const expected = herziening(replay(facts), published.right as Parameters, '2015-01-20', { hash, versie: VERSIE });
    if (expected._tag === 'Left') throw new Error(expected.left.bericht);
    expect(JSON.parse(json.stdout)).toEqual(expected.right);
  });
});

describe('report formats', () => {
  const base = ['report', '--from', 'demo.ndjson', '--jaren', '2013-2014'];

  it('table (default): Dutch, per indicator Nulsituatie, Norm, Gerealiseerd, a column per year', async () => {
    writeFileSync(file('normen.yaml'), '- {indicator: volledigeUitstroom, jaar: 2014, waarde: 55}\n');
    const result = await runCli([...base, '--normen', 'normen.yaml'], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    const l2013 = library(facts, 2013);
    const l2014 = library(facts, 2014);
    const r2013 = rapport(facts, l2013);
    const r2014 = rapport(facts, l2014);
    const out = result.stdout;
    expect(out.startsWith('Sociaal-economische zelfredzaamheid 2013–2014\n')).toBe(true);
    const block = out.slice(out.indexOf('Volledige uitstroom:'));
    expect(block).toMatch(/^ +2013 +2014\n/m);
    expect(block).toMatch(/\n {2}Norm +55\n/);
    expect(block).toMatch(
      new RegExp(`\\n {2}Gerealiseerd +${r2013.volledigeUitstroom.totaal} +${r2014.volledigeUitstroom.totaal}\\n`),
    );
    expect(block).toMatch(new RegExp(`\\n {2}Nulsituatie +\\d+ +${r2013.volledigeUitstroom.totaal}\\n`));
  });

  it('md, csv and html (to a file with --output)', async () => {
    const md = await runCli([...base, '--format', 'md'], { cwd: work });
    expect(md.stdout).toMatch(/^# Sociaal-economische zelfredzaamheid 2013–2014\n/);
    expect(md.stdout).toContain('| | 2013 | 2014 |\n|---|---:|---:|');
    const csv = await runCli([...base, '--format', 'csv'], { cwd: work });
    expect(csv.stdout.startsWith('\uFEFFsectie,rij,eenheid,2013,2014\r\n')).toBe(true);
    const html = await runCli([...base, '--format', 'html', '--output', 'rapport.html'], { cwd: work });
    expect(html.code, html.stderr).toBe(0);
    expect(html.stdout).toBe('');
    expect(html.stderr).toBe('Geschreven naar rapport.html.\n');
    expect(readFileSync(file('rapport.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });
});

describe('usage errors and help', () => {
  it.each([
    [['report'], 'geef het verslagjaar met --jaar JJJJ, of een reeks met --jaren VAN-TOT'],
    [['report', '--jaar', '2014', '--peildatum', '2014-02-30'], 'die datum bestaat niet'],
    [['report', '--jaren', '2015-2012'], 'het eerste jaar ligt na het laatste'],
    [['report', '--jaar', '2014', '--kennisdatum', 'morgen'], '--kennisdatum: verwacht een datum'],
    [['report', '--jaar', '2014', '--format', 'pdf'], '--format: kies uit table, json, md, csv, csv-nl, html, xlsx'],
    [['report', '--jaar', '2014', '--vergelijk'], '--vergelijk vraagt om --kennisdatum'],
    [['report', '--jaar', '2014', '--from', 'missing.ndjson'], 'bestand "missing.ndjson" bestaat niet'],
    [['report', '--jaar', '2014', '--normen', 'missing.yaml'], '--normen: bestand "missing.yaml" bestaat niet'],
    [['report', '--jaar', '2014', '--store', 'mysql://x'], '--store: verwacht pglite:MAP'],
    [['demo', '--seed', 'abc'], '--seed: verwacht een geheel getal'],
    [['demo', '--huishoudens', '3000000'], '--huishoudens: verwacht een geheel getal van 1 tot en met 2000000'],
    [['import'], 'geef het NDJSON-bestand'],
    [['verify', '--snel'], 'onbekende optie "--snel"'],
    [['publiceer'], 'onbekende opdracht "publiceer"'],
  ])('%j exits 2 with a clear message and no stack trace', async (args, message) => {
    const result = await runCli(args, { cwd: work });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/Meer hulp: zelfredzaam( \w+)? --help\n$/);
    expect(result.stderr).not.toMatch(NO_STACK);
  });

  it.each(['demo', 'import', 'export', 'report', 'verify'])('%s --help', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Gebruik: zelfredzaam ${command}`);
  });

  it('--help lists every command', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['demo', 'import', 'export', 'report', 'verify'])
      expect(result.stdout).toContain(`  ${command} `);
  });
});

describe('a store on disk (PGlite): import, verify, report, export', () => {
  it('imports through the decider, verifies clean, reports as from the file, exports what it holds', async () => {
    const store = ['--store', `pglite:${file('store')}`];
    const imported = await runCli(['import', 'demo.ndjson', ...store], { cwd: work });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(new RegExp(`^${lines.length.toLocaleString('nl-NL')} regels uit demo.ndjson: `));

    const again = await runCli(['import', 'demo.ndjson', ...store], { cwd: work });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`0 vastgelegd, ${lines.length.toLocaleString('nl-NL')} waren er al`);

    const verified = await runCli(['verify', ...store, '--format', 'json'], { cwd: work });
    expect(verified.code, verified.stderr).toBe(0);
    const controle = JSON.parse(verified.stdout);
    expect(controle.schendingen).toEqual([]);
    expect(controle.feiten).toBe(lines.length);

    const fromStore = await runCli(['report', '--jaar', '2014', '--format', 'json', ...store], { cwd: work });
    expect(JSON.parse(fromStore.stdout)).toEqual(viaLibrary(facts, 2014));
    // §5 bron: the same SHA-256 for the file and for the store that holds the same facts.
    const fromFile = await runCli(['report', '--jaar', '2014', '--format', 'json', '--from', 'demo.ndjson'], {
      cwd: work,
    });
    expect(JSON.parse(fromStore.stdout).bron.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(fromStore.stdout).bron).toEqual(JSON.parse(fromFile.stdout).bron);

    const exported = await runCli(['export', 'export.ndjson', ...store], { cwd: work });
    expect(exported.code, exported.stderr).toBe(0);
    const out = readFileSync(file('export.ndjson'), 'utf8').trimEnd().split('\n');
    expect([...out].sort()).toEqual([...lines].sort());
  }, 120_000);
});

describe('demo', () => {
  it('is deterministic: the same seed gives the same NDJSON bytes, another seed other bytes', async () => {
    const args = ['demo', '--ndjson', '-', '--huishoudens', '150'];
    const [a, b, c] = await Promise.all([
      runCli([...args, '--seed', '8']),
      runCli([...args, '--seed', '8']),
      runCli([...args, '--seed', '9']),
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it('`zelfredzaam demo` on a fresh directory prints the 2012–2015 report within a minute', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'zelfredzaam-fresh-'));
    try {
      const result = await runCli(['demo'], { cwd: fresh });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Sociaal-economische zelfredzaamheid 2012–2015\n/);
      expect(result.stdout).toMatch(/\n {2}Gerealiseerd +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+\n/);
      expect(result.stderr).toMatch(
        /^Demo \(seed 1, 4\.000 huishoudens\): 69\.307 feiten in pglite:.*\.zelfredzaam — 69\.307 vastgelegd/,
      );
      expect(result.ms).toBeLessThan(60_000);
      const verified = await runCli(['verify'], { cwd: fresh });
      expect(verified.code, verified.stderr).toBe(0);
      expect(verified.stdout).toContain('Geen schendingen van de levensloopregels');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  }, 120_000);
});
