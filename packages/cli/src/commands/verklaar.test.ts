// `zelfredzaam verklaar` in-process (MEETREGELS §8): every cell's members add up to the report,
// --cel and its usage error, the restatement per member, one household's timeline, the formats.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Jaarrapport, Lid } from '@zelfredzaam/projections';
import { waardeVan } from '@zelfredzaam/projections';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../cli.js';
import { verklaringInRapport } from '../format/verklaring.js';
import type { Omgeving } from '../omgeving.js';

let work: string;
let file: string;

const cli = async (argv: string[]) => {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c));
  const stderr = new PassThrough();
  stderr.on('data', (c: Buffer) => err.push(c));
  const omgeving: Omgeving = { stdout, stderr, stdin: new PassThrough(), cwd: work, vandaag: () => '2026-11-22' };
  const code = await run(argv, omgeving);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'zelfredzaam-verklaar-'));
  file = join(work, 'demo.ndjson');
  const demo = await cli(['demo', '--huishoudens', '120', '--ndjson', file]);
  expect(demo.code).toBe(0);
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('zelfredzaam verklaar', () => {
  it('prints every cell of the report with as many members as its value (json)', async () => {
    const report = await cli(['report', '--from', file, '--jaar', '2014', '--format', 'json']);
    const r = JSON.parse(report.stdout) as Jaarrapport;
    const result = await cli(['verklaar', '--from', file, '--jaar', '2014']);
    expect(result.code).toBe(0);
    const v = JSON.parse(result.stdout) as { jaar: number; cellen: Record<string, Lid[]> };
    expect(v.jaar).toBe(2014);
    expect(Object.keys(v.cellen)).toContain('volledigeUitstroom.loondienst');
    expect(Object.keys(v.cellen)).toContain('participatie.gemeten');
    let members = 0;
    for (const [cel, leden] of Object.entries(v.cellen)) {
      expect([cel, leden.length]).toEqual([cel, waardeVan(r, cel)]);
      members += leden.length;
    }
    expect(members).toBeGreaterThan(100);
  }, 60_000);

  it('limits the output with --cel (repeatable); an unknown cell is a usage error listing the valid ones', async () => {
    const two = await cli([
      'verklaar',
      '--from',
      file,
      '--jaar',
      '2014',
      '--cel',
      'cohort.omvang',
      '--cel',
      'gemiddeldInkomen.maanden',
    ]);
    expect(two.code).toBe(0);
    expect(Object.keys((JSON.parse(two.stdout) as { cellen: object }).cellen)).toEqual([
      'cohort.omvang',
      'gemiddeldInkomen.maanden',
    ]);
    const wrong = await cli([
      'verklaar',
      '--from',
      file,
      '--jaar',
      '2014',
      '--cel',
      'cohort.omvang',
      '--cel',
      'cohort.nee',
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('onbekende cel "cohort.nee"; geldige cellen voor dit rapport:');
    expect(wrong.stderr).toContain('\n  duurzaamheid.teruggevallen\n');
    expect(wrong.stdout).toBe('');
  }, 60_000);

  it('gives each cell erbij and eraf with --kennisdatum --vergelijk; erbij − eraf is the restated difference', async () => {
    const args = ['--from', file, '--jaar', '2013', '--kennisdatum', '2014-03-01'];
    const report = await cli(['report', ...args, '--vergelijk', '--format', 'json']);
    const h = JSON.parse(report.stdout) as { nu: Jaarrapport; gepubliceerd: Jaarrapport };
    const result = await cli(['verklaar', ...args, '--vergelijk']);
    expect(result.code).toBe(0);
    const v = JSON.parse(result.stdout) as { cellen: Record<string, { erbij: Lid[]; eraf: Lid[] }> };
    let changed = 0;
    for (const [cel, { erbij, eraf }] of Object.entries(v.cellen)) {
      expect([cel, erbij.length - eraf.length]).toEqual([cel, waardeVan(h.nu, cel) - waardeVan(h.gepubliceerd, cel)]);
      changed += erbij.length + eraf.length;
    }
    expect(changed).toBeGreaterThan(0);
  }, 60_000);

  it('prints one household’s timeline and cells; an unknown household exits 1 with a clear line', async () => {
    const all = JSON.parse(
      (await cli(['verklaar', '--from', file, '--jaar', '2014', '--cel', 'cohort.omvang'])).stdout,
    ) as {
      cellen: Record<string, Lid[]>;
    };
    const id = all.cellen['cohort.omvang']?.[0]?.huishouden ?? '';
    const result = await cli(['verklaar', '--from', file, '--jaar', '2014', '--huishouden', id, '--format', 'json']);
    expect(result.code).toBe(0);
    const h = JSON.parse(result.stdout) as {
      huishouden: string;
      tijdlijn: { datum?: string }[];
      cellen: { cel: string }[];
    };
    expect(h.huishouden).toBe(id);
    expect(h.tijdlijn.length).toBeGreaterThan(0);
    expect(h.cellen.map((c) => c.cel)).toContain('cohort.omvang');
    const md = await cli(['verklaar', '--from', file, '--jaar', '2014', '--huishouden', id]);
    expect(md.stdout).toContain(`# Huishouden ${id}, 2014`);
    expect(md.stdout).toContain('| cohort.omvang |');
    const unknown = await cli(['verklaar', '--from', file, '--jaar', '2014', '--huishouden', 'h-bestaat-niet']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('zelfredzaam verklaar: huishouden "h-bestaat-niet" komt niet voor in bestand');
  }, 60_000);

  it('writes csv, md and html (details, no script, the report’s Content-Security-Policy), and to --output', async () => {
    const base = ['verklaar', '--from', file, '--jaar', '2014', '--cel', 'duurzaamheid.teruggevallen'];
    const csv = await cli([...base, '--format', 'csv']);
    expect(csv.stdout.startsWith('\uFEFFcel,huishouden,werkgever,maand,feit,feiten,toelichting\r\n')).toBe(true);
    expect(csv.stdout).toContain('duurzaamheid.teruggevallen,h-');
    const md = await cli([...base, '--format', 'md']);
    expect(md.stdout).toMatch(/## duurzaamheid\.teruggevallen \(\d+\)/);
    const html = await cli([...base, '--format', 'html']);
    expect(html.stdout).toContain('<details data-cel="duurzaamheid.teruggevallen">');
    expect(html.stdout).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");
    expect(html.stdout).not.toContain('<script');
    const out = await cli([...base, '--output', 'v.json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(readFileSync(join(work, 'v.json'), 'utf8'))).toHaveProperty('cellen');
  }, 60_000);

  it('report --format html --met-verklaring: every count expands into its members, no script, same CSP', async () => {
    const result = await cli(['report', '--from', file, '--jaar', '2014', '--format', 'html', '--met-verklaring']);
    expect(result.code).toBe(0);
    const html = result.stdout;
    const r = JSON.parse(
      (await cli(['report', '--from', file, '--jaar', '2014', '--format', 'json'])).stdout,
    ) as Jaarrapport;
    const summaries = [...html.matchAll(/<details data-cel="([^"]+)"><summary>[^<]*: (\d+)<\/summary>/g)];
    expect(summaries.length).toBeGreaterThan(60);
    for (const [, cel, n] of summaries) expect([cel, Number(n)]).toEqual([cel, waardeVan(r, cel ?? '')]);
    // The counts of a section sit in that section.
    expect(html).toMatch(/<section id="cohort"[\s\S]*?<details data-cel="cohort\.omvang">[\s\S]*?<\/section>/);
    expect(html).toContain("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"");
    expect(html).not.toContain('<script');
    const wrong = await cli(['report', '--from', file, '--jaar', '2014', '--met-verklaring']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--met-verklaring hoort bij --format html');
  }, 60_000);

  it('shows the first 1,000 members of a large cell, the number left out and the command for all', () => {
    const leden = function* (): Iterable<Lid> {
      for (let i = 0; i < 1234; i++) yield { huishouden: `h-${i}`, feiten: ['x'], toelichting: 't' };
    };
    const html = verklaringInRapport(
      { cellen: ['a.b'], aantal: () => 1234, leden, opdracht: (cel) => `zelfredzaam verklaar --cel ${cel}` },
      ['a'],
    ).naSectie({ id: 'a' });
    expect(html.match(/<tr><td>h-/g)?.length).toBe(1000);
    expect(html).toContain(
      'De eerste 1000 van 1234 leden; 234 weggelaten. Alle leden: <code>zelfredzaam verklaar --cel a.b</code>',
    );
  });

  it('writes an xlsx workbook row by row: a row per member', async () => {
    const base = [
      'verklaar',
      '--from',
      file,
      '--jaar',
      '2014',
      '--cel',
      'cohort.omvang',
      '--cel',
      'stroom.uitstroom.totaal',
    ];
    const json = JSON.parse((await cli(base)).stdout) as { cellen: Record<string, Lid[]> };
    const leden = Object.values(json.cellen).reduce((n, l) => n + l.length, 0);
    expect((await cli([...base, '--format', 'xlsx'])).stderr).toContain('geef ook --output BESTAND.xlsx');
    const result = await cli([...base, '--format', 'xlsx', '--output', 'v.xlsx']);
    expect(result.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(work, 'v.xlsx'));
    const sheet = workbook.getWorksheet('Verklaring');
    expect(sheet?.rowCount).toBe(1 + leden);
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'cel',
      'huishouden',
      'werkgever',
      'maand',
      'feit',
      'feiten',
      'toelichting',
    ]);
    expect(String(sheet?.getRow(2).getCell(1).value)).toBe('cohort.omvang');
  }, 60_000);
});
