// Issue 7, point 1: generated command lines through the CLI's `run`, in-process. Whatever the
// flags, values and dates, the command ends with a documented exit code; a usage error is exit 2
// with one Dutch line, the usage line and a pointer to --help; there is never a stack trace, an
// "unexpected error", an echoed BSN or a raw control character. The value checks of args.ts
// (dates, years, numbers) are fuzzed on their own too.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseDatum,
  parseGeheel,
  parseJaar,
  parseJaren,
  parseKennisdatum,
  parseKeuze,
} from '../packages/cli/src/args.js';
import { UsageError } from '../packages/cli/src/errors.js';
import { COMMANDS } from '../packages/cli/src/help.js';
import { runInProcess } from './support/cli-world.js';
import { BSNS } from './support/ndjson-fuzz.js';

/** Generated cases per property (reported in the note). */
const CLI_FUZZ_RUNS = { commandLines: 1_000, values: 3_000 } as const;

const FLAGS = [
  '--store',
  '--from',
  '--jaar',
  '--jaren',
  '--peildatum',
  '--meetdatum',
  '--kennisdatum',
  '--vergelijk',
  '--format',
  '--normen',
  '--output',
  '--seed',
  '--huishoudens',
  '--ndjson',
  '--max-regel-bytes',
  '--pseudonimiseer',
  '--debug',
] as const;

const ODD_FLAGS = ['--jar', '--JAAR', '-x', '--', '-', '---jaar', '--jaar=', '--=x', '--store-x', '-jaar'] as const;

const dateText = fc
  .integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2110, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));

const VALUES = [
  '2014-02-30',
  '2015-02-29',
  '2016-02-29',
  '2014-13-01',
  '2014-00-01',
  '1989-12-31',
  '2101-01-01',
  '2014-1-1',
  '20140101',
  '2014/01/01',
  '2015-03-01T12:00:00Z',
  '2015-03-01T12:00:00',
  '2015-03-01T25:00:00Z',
  '2015-03-01T12:00:00+01:00',
  '2014',
  '1989',
  '2101',
  '14',
  '２０１４',
  '2012-2015',
  '2015-2012',
  '2012–2015',
  '1990-2100',
  '2012-',
  '0',
  '-1',
  '1',
  '3',
  '1e3',
  '2000001',
  '99999999999',
  '1023',
  '1024',
  'json',
  'table',
  'md',
  'csv',
  'html',
  'xml',
  '',
  ' ',
  'memory:',
  'memory',
  'pglite',
  'mysql://x',
  'postgres://',
  'esdb://',
  '-',
  '.',
  'bestaat-niet.ndjson',
  'regel\nregel',
  'tab\there',
  '\u0000\u0007\u001b[31m',
  '\u202eevil',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  'x'.repeat(300),
  ...BSNS,
] as const;

const value = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: dateText },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FLAGS) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...FLAGS), value).map(([f, v]) => `${f}=${v}`) },
  { weight: 4, arbitrary: value },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_FLAGS) },
  { weight: 1, arbitrary: fc.constantFrom('--help', '-h', '--version') },
);

const command = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 1, arbitrary: fc.constantFrom('rapport', 'REPORT', '', 'help', '--help', '-v', '--jaar', '2014') },
);

const KEY = 'a'.repeat(64);
const environment = fc.constantFrom<Readonly<Record<string, string>>>(
  {},
  { ZELFREDZAAM_PSEUDONIEM_SLEUTEL: 'kort' },
  { ZELFREDZAAM_PSEUDONIEM_SLEUTEL: KEY },
);

/**
 * The command line as run: never the default store (PGlite in the working directory, seconds to
 * create) and never a big demo; a generated `--store` or `--huishoudens` still comes later and wins.
 */
const safe = (name: string, tokens: readonly string[]): string[] => {
  const argv = [name];
  if (name === 'demo') argv.push('--huishoudens=2');
  argv.push(...tokens);
  if (!tokens.some((t) => t.startsWith('--from'))) argv.push('--store=memory:');
  return argv;
};

/** English that Node's own messages would carry, outside the quoted echo of a value. */
const ENGLISH =
  /\b(Unknown|unknown|option|Option|ambiguous|expected|Expected|Invalid|invalid|missing|must|undefined|NaN|Error|TypeError)\b/;

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'zelfredzaam-cli-fuzz-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('fuzzing the command line (in-process run)', () => {
  it(`ends with 0–3, a usage error as exit 2 with one Dutch line, never a stack trace (${CLI_FUZZ_RUNS.commandLines} generated command lines)`, async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(command, fc.array(token, { maxLength: 7 }), environment, async (name, tokens, env) => {
        const argv = safe(name, tokens);
        const result = await runInProcess(argv, { cwd, env });
        const context = `argv ${JSON.stringify(argv)} → ${result.code}\n${result.stderr}`;
        seen.set(result.code, (seen.get(result.code) ?? 0) + 1);
        expect([0, 1, 2, 3], context).toContain(result.code);
        expect(result.stderr, context).not.toContain('onverwachte fout');
        // A stack trace only when asked for with --debug (a refusal such as an empty store, issue 12).
        if (!argv.includes('--debug')) expect(result.stderr, context).not.toMatch(/\n\s+at /);
        expect(result.stderr, context).not.toMatch(CONTROL);
        for (const bsn of BSNS) {
          expect(result.stderr, context).not.toContain(bsn);
          expect(result.stdout, context).not.toContain(bsn);
        }
        if (result.code === 2) {
          // One line, except the list of what is wrong in a --normen file (indented, one per line).
          const lines = result.stderr.split('\n').filter((line, i) => !(i > 0 && /^ {2}\S/.test(line)));
          if (lines.length !== result.stderr.split('\n').length) expect(lines[0]).toMatch(/--normen: .* klopt niet:$/);
          expect(lines, context).toHaveLength(4);
          const [message = '', usage = '', more = '', last] = lines;
          expect(message, context).toMatch(/^zelfredzaam( [a-z-]+)?: \S/);
          expect(message.replace(/"(?:[^"\\]|\\.)*"/g, '""'), context).not.toMatch(ENGLISH);
          expect(usage, context).toMatch(/^Gebruik: zelfredzaam /);
          expect(more, context).toMatch(/^Meer hulp: zelfredzaam/);
          expect(last).toBe('');
        }
        if (result.code === 3) expect(result.stderr.trimEnd().split('\n'), context).toHaveLength(1);
      }),
      { numRuns: CLI_FUZZ_RUNS.commandLines },
    );
    // The generator reaches both sides: command lines that run, and usage errors.
    expect(seen.get(0) ?? 0).toBeGreaterThan(CLI_FUZZ_RUNS.commandLines / 50);
    expect(seen.get(2) ?? 0).toBeGreaterThan(CLI_FUZZ_RUNS.commandLines / 2);
  }, 180_000);
});

/** The value of `check`, or its usage error's message; anything else fails the test. */
const outcome = (check: () => unknown): { ok: true } | { ok: false; message: string } => {
  try {
    check();
    return { ok: true };
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return { ok: false, message: error instanceof Error ? error.message : '' };
  }
};

describe('fuzzing the value checks of args.ts', () => {
  const anyText = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    dateText,
    fc.constantFrom(...VALUES),
  );

  it(`dates, instants, years, ranges, numbers and choices: a value or a one-line usage error naming the flag (${CLI_FUZZ_RUNS.values} cases each)`, () => {
    const checks: readonly [string, (text: string) => unknown][] = [
      ['--peildatum', (t) => parseDatum(t, '--peildatum')],
      ['--kennisdatum', (t) => parseKennisdatum(t)],
      ['--jaar', (t) => parseJaar(t)],
      ['--jaren', (t) => parseJaren(t)],
      ['--huishoudens', (t) => parseGeheel(t, '--huishoudens', 1, 2_000_000)],
      ['--format', (t) => parseKeuze(t, '--format', ['table', 'json'])],
    ];
    for (const [flag, check] of checks) {
      fc.assert(
        fc.property(anyText, (text) => {
          const result = outcome(() => check(text));
          if (!result.ok) {
            expect(result.message.startsWith(`${flag}: `)).toBe(true);
            expect(result.message).not.toMatch(/[\r\n]/);
            expect(result.message).not.toMatch(CONTROL);
            for (const bsn of BSNS) expect(result.message).not.toContain(bsn);
          }
        }),
        { numRuns: CLI_FUZZ_RUNS.values },
      );
    }
  });

  it('a real date is accepted and a date that does not exist is refused as such', () => {
    fc.assert(
      fc.property(dateText, (text) => {
        const year = Number(text.slice(0, 4));
        const result = outcome(() => parseDatum(text, '--peildatum'));
        expect(result.ok).toBe(year >= 1990 && year <= 2100);
      }),
      { numRuns: 1_000 },
    );
    expect(outcome(() => parseDatum('2014-02-30', '--peildatum'))).toEqual({
      ok: false,
      message:
        '--peildatum: verwacht een datum JJJJ-MM-DD tussen 1990 en 2100 (bijvoorbeeld 2015-12-31) of +N (N maanden na 31 december van het verslagjaar, 0–120; +6 = 30 juni erna), ontvangen "2014-02-30": die datum bestaat niet',
    });
  });
});
