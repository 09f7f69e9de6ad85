import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { demoGeschiedenis } from './generator.js';
import { ndjsonLine, writeDemoNdjson, writeNdjson } from './ndjson.js';

const collect = () => {
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
};

describe('writeNdjson', () => {
  it('writes one line per fact, the same as ndjsonLine', async () => {
    const facts = [...demoGeschiedenis({ seed: 2, huishoudens: 200 })];
    const { out, text } = collect();
    const result = await writeNdjson(facts, out);
    expect(result.events).toBe(facts.length);
    expect(text()).toBe(facts.map((f) => `${ndjsonLine(f)}\n`).join(''));
    expect(result.bytes).toBe(Buffer.byteLength(text()));
  });

  it('stops after maxEvents and reports progress', async () => {
    const { out, text } = collect();
    const seen: number[] = [];
    const result = await writeNdjson(demoGeschiedenis({ seed: 2, huishoudens: 2000 }), out, {
      maxEvents: 12_345,
      onProgress: (n) => seen.push(n),
    });
    expect(result.events).toBe(12_345);
    expect(text().split('\n')).toHaveLength(12_346);
    expect(seen).toEqual([10_000, 12_345]);
  });

  it('waits for a slow reader (backpressure) and loses nothing', async () => {
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        setTimeout(callback, 1);
      },
    });
    const result = await writeNdjson(demoGeschiedenis({ seed: 3, huishoudens: 3000 }), slow);
    expect(received).toBe(result.bytes);
    expect(result.bytes).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('writeDemoNdjson writes the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zelfredzaam-demo-'));
    try {
      const path = join(dir, 'demo.ndjson');
      const result = await writeDemoNdjson(path, { seed: 4, huishoudens: 100 });
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(result.events);
      expect(JSON.parse(lines[0] ?? '{}').type).toBe('UitkeringGestart');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
