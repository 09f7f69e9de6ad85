// The dispatcher in-process, with a fake world: exit codes, messages, help.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { run } from './cli.js';
import { COMMANDS } from './help.js';
import type { Omgeving } from './omgeving.js';

const world = (stdout: Writable = new PassThrough()) => {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  if (stdout instanceof PassThrough) stdout.on('data', (c: Buffer) => out.push(c));
  const stderr = new PassThrough();
  stderr.on('data', (c: Buffer) => err.push(c));
  const omgeving: Omgeving = { stdout, stderr, stdin: new PassThrough(), cwd: '/tmp', vandaag: () => '2026-11-22' };
  return {
    omgeving,
    stdout: () => Buffer.concat(out).toString('utf8'),
    stderr: () => Buffer.concat(err).toString('utf8'),
  };
};

const cli = async (argv: string[], stdout?: Writable) => {
  const w = world(stdout);
  const code = await run(argv, w.omgeving);
  return { code, stdout: w.stdout(), stderr: w.stderr() };
};

describe('zelfredzaam (in-process)', () => {
  it('prints the general help with --help, and for no command a usage error', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Gebruik: zelfredzaam <opdracht> [opties]');
    for (const command of COMMANDS) expect(help.stdout).toContain(`  ${command} `);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      'zelfredzaam: geef een opdracht: demo, import, import-perioden, export, report, verify of verklaar\nGebruik: zelfredzaam <opdracht> [opties]\nMeer hulp: zelfredzaam --help\n',
    );
  });

  it.each(COMMANDS)('%s --help prints its usage and exits 0', async (command) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^zelfredzaam ${command} — `));
    expect(result.stdout).toContain(`Gebruik: zelfredzaam ${command}`);
    expect(result.stdout).toContain('Afsluitcodes: 0 gelukt');
    expect(result.stderr).toBe('');
  });

  it('exits 2 with a message and a pointer to --help on a usage error', async () => {
    const result = await cli(['report', '--jaar', '2014', '--peildatum', '2014-13-01']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toEqual([
      'zelfredzaam report: --peildatum: verwacht een datum JJJJ-MM-DD tussen 1990 en 2100 (bijvoorbeeld 2015-12-31) of +N (N maanden na 31 december van het verslagjaar, 0–120; +6 = 30 juni erna), ontvangen "2014-13-01": die datum bestaat niet',
      'Gebruik: zelfredzaam report (--jaar JJJJ | --jaren VAN-TOT) [opties]',
      'Meer hulp: zelfredzaam report --help',
      '',
    ]);
    expect((await cli(['rapport'])).stderr).toContain('onbekende opdracht "rapport"');
    expect((await cli(['--jaar', '2014'])).stderr).toContain('geef eerst een opdracht');
  });

  it('shows one line and the --debug hint for an unexpected error, the stack only with --debug', async () => {
    const broken = () =>
      new Writable({
        write(_chunk, _encoding, callback) {
          callback(new Error('schijf vol\nmet details'));
        },
      });
    const plain = await cli(['verify', '--help'], broken());
    expect(plain.code).toBe(3);
    expect(plain.stderr).toBe(
      'zelfredzaam verify: onverwachte fout: schijf vol\nDraai de opdracht opnieuw met --debug voor de volledige foutmelding (stack trace).\n',
    );
    const debug = await cli(['verify', '--help', '--debug'], broken());
    expect(debug.code).toBe(3);
    expect(debug.stderr).toMatch(/onverwachte fout: schijf vol\nError: schijf vol\n[\s\S]*\n\s+at /);
  });

  it('runs the demo into a store in memory and prints the 2012–2015 report', async () => {
    const result = await cli(['demo', '--store', 'memory:', '--huishoudens', '300', '--seed', '3']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sociaal-economische zelfredzaamheid 2012–2015\n/);
    expect(result.stdout).toMatch(/\n {2}Gerealiseerd +\d+ +\d+ +\d+ +\d+\n/);
    expect(result.stderr).toMatch(
      /^Demo \(seed 3, 300 huishoudens\): [\d.]+ feiten in memory: — [\d.]+ vastgelegd in /,
    );
  });

  it('report --hervattingsgrens N: a whole number of days ≥ 0 (MEETREGELS §7.2), in the JSON report', async () => {
    const bad = await cli(['report', '--jaar', '2014', '--store', 'memory:', '--hervattingsgrens=-1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--hervattingsgrens: verwacht een geheel getal van 0 tot en met 36525');
    const half = await cli(['report', '--jaar', '2014', '--store', 'memory:', '--hervattingsgrens', '2.5']);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('--hervattingsgrens: verwacht een geheel getal van 0 tot en met 36525');
    expect(half.stderr).not.toMatch(/\n\s+at /);
    const help = await cli(['report', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--hervattingsgrens N +langdurig afhankelijk \(MEETREGELS §7\.2\)/);
    expect(help.stdout).toContain('(standaard 0: niet samenvoegen)');
    const dir = mkdtempSync(join(tmpdir(), 'zr-cli-'));
    writeFileSync(
      join(dir, 'een.ndjson'),
      '{"type":"UitkeringGestart","huishouden":"h-1","datum":"2014-03-01","recordedAt":"2014-03-02T09:00:00Z"}\n',
    );
    const ok = await cli([
      'report',
      '--jaar',
      '2014',
      '--from',
      join(dir, 'een.ndjson'),
      '--format',
      'json',
      '--hervattingsgrens',
      '30',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      hervattingsgrens: 30,
      langdurig: { bijstand: 1, langdurig: 0, aandeel: 0 },
      trajecten: {},
      allianties: { inJaar: 0, totaal: 0 },
    });
  });

  it('no silent zeros: report, verify and export refuse a store without facts, exit 1, one Dutch line naming it', async () => {
    for (const command of ['verify', 'export', 'report']) {
      const result = await cli([command, '--store', 'memory:', ...(command === 'report' ? ['--jaar', '2014'] : [])]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `zelfredzaam ${command}: store memory: bevat geen feiten: een store in het geheugen begint leeg; gebruik --from BESTAND of een store met feiten\n`,
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'zr-cli-'));
    const missing = join(dir, 'bestaat-niet');
    for (const command of ['verify', 'export', 'report']) {
      const result = await cli([
        command,
        '--store',
        `pglite:${missing}`,
        ...(command === 'report' ? ['--jaar', '2014'] : []),
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `zelfredzaam ${command}: store pglite:${missing} bestaat niet; vul hem eerst met zelfredzaam import of zelfredzaam demo, of kies een andere --store\n`,
      );
      // Never created.
      expect(existsSync(missing)).toBe(false);
    }
    writeFileSync(join(dir, 'leeg.ndjson'), '\n');
    const leeg = await cli(['report', '--jaar', '2014', '--from', join(dir, 'leeg.ndjson')]);
    expect(leeg.code).toBe(1);
    expect(leeg.stderr).toContain('leeg.ndjson bevat geen (geaccepteerde) feiten');
  });
});
