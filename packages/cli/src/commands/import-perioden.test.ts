// `zelfredzaam import-perioden` in-process (issue 15, points 1 and 3): exit codes, the refusal
// lines (file, line, household, reason), the summary line, the mapping file, usage errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from '../cli.js';
import type { Omgeving } from '../omgeving.js';

const dir = mkdtempSync(join(tmpdir(), 'perioden-'));
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return name;
};

const cli = async (argv: string[], env: Record<string, string> = {}) => {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const omgeving: Omgeving = { stdout, stderr, stdin: new PassThrough(), cwd: dir, vandaag: () => '2026-11-22', env };
  const code = await run(argv, omgeving);
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
};

const BASE = ['--bron', 'zaaksysteem', '--peilmoment', '2015-01-31', '--store', 'memory:'];

describe('zelfredzaam import-perioden', () => {
  it('imports, prints the summary line and exits 0', async () => {
    const p = file(
      'ok.csv',
      'huishouden;begindatum;einddatum;reden\nh-1;01-01-2014;01-05-2014;UO01\nh-2;2014-02-01;;\n',
    );
    const r = file('redenen.yaml', 'UO01: loondienst\n');
    const i = file('ink.csv', 'huishouden,maand,bron,bedrag\nh-2,2014-03,loondienst,"475,50"\n');
    const result = await cli(['import-perioden', p, '--inkomsten', i, '--redenen', r, ...BASE]);
    expect(result.stderr).toMatch(
      /^3 rijen gelezen, 2 huishoudens bijgewerkt, 4 feiten toegevoegd, 0 ingetrokken, 0 huishoudens overgeslagen in memory: \(\d+,\d s\)\.\n$/,
    );
    expect(result.code).toBe(0);
  });

  it('a skipped household: one line with file, line, household and reason; the rest imported; exit 1', async () => {
    const p = file(
      'bad.csv',
      'huishouden;begindatum;einddatum;reden\nh-1;2014-01-01;2014-05-01;XX\nh-2;2014-02-01;;\n',
    );
    const r = file('map.yaml', 'UO01: loondienst\n');
    const result = await cli(['import-perioden', p, '--redenen', r, ...BASE]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      'bad.csv, regel 2: huishouden h-1: onbekende redencode "XX": staat niet in map.yaml en is geen reden van MEETREGELS §10 — huishouden overgeslagen',
    );
    expect(lines[1]).toMatch(
      /^2 rijen gelezen, 1 huishoudens bijgewerkt, 1 feiten toegevoegd, 0 ingetrokken, 1 huishoudens overgeslagen/,
    );
  });

  it('usage errors: missing --bron or --peilmoment, a wrong peilmoment, a bad mapping, a missing column (exit 2)', async () => {
    const p = file('u.csv', 'huishouden,begindatum\nh-1,2014-01-01\n');
    expect((await cli(['import-perioden', p, '--peilmoment', '2015-01-31', '--store', 'memory:'])).stderr).toMatch(
      /geef --bron/,
    );
    expect((await cli(['import-perioden', p, '--bron', 'x', '--store', 'memory:'])).code).toBe(2);
    const wrong = await cli(['import-perioden', p, '--bron', 'x', '--peilmoment', '31-01-2015', '--store', 'memory:']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--peilmoment: geef een datum/);
    const m = file('m.yaml', 'UO01: ontslag\n');
    const map = await cli(['import-perioden', p, '--redenen', m, ...BASE]);
    expect(map.code).toBe(2);
    expect(map.stderr).toMatch(/--redenen: "m.yaml" klopt niet:\n {2}code "UO01": "ontslag" is geen reden/);
    const col = await cli(['import-perioden', file('c.csv', 'huishouden,eind\nh-1,x\n'), ...BASE]);
    expect(col.code).toBe(2);
    expect(col.stderr).toMatch(/c.csv: de kopregel \(regel 1\) mist de kolom begindatum/);
    expect((await cli(['import-perioden', 'bestaat-niet.csv', ...BASE])).code).toBe(2);
  });

  it('--pseudonimiseer: the source id never reaches the messages', async () => {
    const p = file('ps.csv', 'huishouden,begindatum,einddatum,reden\n111222333,2014-01-01,2014-02-01,zzz\n');
    const result = await cli(['import-perioden', p, '--pseudonimiseer', ...BASE], {
      ZELFREDZAAM_PSEUDONIEM_SLEUTEL: 'k'.repeat(40),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/huishouden p-[0-9a-f]{32}: onbekende redencode/);
    expect(result.stderr).not.toContain('111222333');
  });
});
