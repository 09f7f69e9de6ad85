import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { describeStore, parseStore } from './store.js';

describe('parseStore (--store)', () => {
  it('knows memory:, pglite:PATH (relative to the working directory), postgres:// and esdb://', () => {
    expect(parseStore('memory:', '/w')).toEqual({ kind: 'memory' });
    expect(parseStore('pglite:./.zelfredzaam', '/w')).toEqual({ kind: 'pglite', path: '/w/.zelfredzaam' });
    expect(parseStore('pglite:/data/z', '/w')).toEqual({ kind: 'pglite', path: '/data/z' });
    expect(parseStore('pglite:', '/w')).toEqual({ kind: 'pglite', path: undefined });
    expect(parseStore('postgres://u@h/db', '/w')).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(parseStore('postgresql://u@h/db', '/w').kind).toBe('postgres');
    expect(parseStore('esdb://localhost:2113?tls=false', '/w').kind).toBe('esdb');
    expect(parseStore('esdb+discover://h:2113', '/w').kind).toBe('esdb');
  });

  it('refuses anything else, without echoing a password', () => {
    expect(() => parseStore('mysql://u:geheim@h/db', '/w')).toThrow(UsageError);
    try {
      parseStore('mysql://u:geheim@h/db', '/w');
    } catch (error) {
      expect((error as Error).message).not.toContain('geheim');
    }
    expect(() => parseStore('', '/w')).toThrow(UsageError);
  });

  it('names a store in messages without its password', () => {
    expect(describeStore({ kind: 'postgres', url: 'postgres://jan:geheim@db:5432/z' })).toBe(
      'postgres://jan:***@db:5432/z',
    );
    expect(describeStore({ kind: 'pglite', path: '/w/.zelfredzaam' })).toBe('pglite:/w/.zelfredzaam');
  });
});
