// Issue 5: the `zelfredzaam` command as a user runs it (a child process from the sources, as
// `pnpm zelfredzaam` does): reports from a file and from a store, every format, refusals with
// line numbers, usage errors, help, verify, import/export and the demo.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecorded, describeDecodeError, type Recorded } from '../packages/domain/src/index.js';
import { herziening, jaarrapport, replay, resolveParameters } from '../packages/projections/src/index.js';
import { runCli } from './support/cli-run.js';

let work: string;
let lines: string[];
let facts: Recorded[];
const file = (name: string): string => join(work, name);

// For the demo's years (≤ 2015) the default peildatum is (Y+1)-12-31 on any day after 2016, so
// the CLI's "today" and this one give the same parameters.
const VANDAAG = '2100-01-01';

/** The library call for the same history: replay, then jaarrapport with the same parameters. */
const library = (history: readonly Recorded[], jaar: number, extra: Record<string, string> = {}) => {
  const parameters = resolveParameters({ jaar, ...extra }, VANDAAG);
  if (parameters._tag === 'Left') throw new Error(parameters.left.bericht);
  return { state: replay(history), parameters: parameters.right };
};

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
    const { state, parameters } = library(facts, 2014);
    expect(JSON.parse(result.stdout)).toEqual(jaarrapport(state, parameters));
    expect(result.stdout).toBe(`${JSON.stringify(jaarrapport(state, parameters), null, 2)}\n`);
  });

  it('passes --peildatum, --meetdatum and --kennisdatum on, and gives a list for --jaren', async () => {
    const extra = { peildatum: '2015-09-30', meetdatum: '2015-06-30', kennisdatum: '2015-02-01T12:00:00Z' };
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
    const { state, parameters } = library(facts, 2014, extra);
    expect(JSON.parse(single.stdout)).toEqual(jaarrapport(state, parameters));

    const list = await runCli(['report', '--from', 'demo.ndjson', '--jaren', '2012-2015', '--format', 'json'], {
      cwd: work,
    });
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual(
      [2012, 2013, 2014, 2015].map((jaar) => {
        const l = library(facts, jaar);
        return jaarrapport(l.state, l.parameters);
      }),
    );
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
    const { state, parameters } = library(facts, 2014);
    expect(JSON.parse(result.stdout)).toEqual(jaarrapport(state, parameters));
  });

  it('--kennisdatum T --vergelijk prints the figures as published on T, as known now, and the difference', async () => {
    const args = ['report', '--from', 'demo.ndjson', '--jaar', '2014', '--kennisdatum', '2015-01-20', '--vergelijk'];
    const table = await runCli(args, { cwd: work });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('2014: gepubliceerd (kennisdatum 2015-01-20) en nu bekend');
    expect(table.stdout).toMatch(/Gepubliceerd 2015-01-20 +Nu bekend +Verschil/);
    const json = await runCli([...args, '--format', 'json'], { cwd: work });
    // As published on T: the peildatum defaulted to the day of publication, 2015-01-20.
    const published = resolveParameters({ jaar: 2014 }, '2015-01-20');
    if (published._tag === 'Left') throw new Error(published.left.bericht);
    const expected = herziening(replay(facts), published.right, '2015-01-20');
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
    const r2013 = jaarrapport(l2013.state, l2013.parameters);
    const r2014 = jaarrapport(l2014.state, l2014.parameters);
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
    [['report', '--jaar', '2014', '--format', 'pdf'], '--format: kies uit table, json, md, csv, html'],
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
    const { state, parameters } = library(facts, 2014);
    expect(JSON.parse(fromStore.stdout)).toEqual(jaarrapport(state, parameters));

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
