// Issue 17, point 8 (time-outs): a PostgreSQL server that stops answering never hangs an import.
// Before, the import waited forever. A server that accepts and never answers fails the open
// after connect_timeout; a server that freezes mid-session (a proxy that stops forwarding, as a
// SIGSTOPped server or a dead network path would) fails the next statement after
// statement_timeout plus the client's grace; a slow statement is cancelled by the server. Each
// is one Dutch line naming the limit and how to change it; the CLI exits 3.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../packages/adapters/src/index.js';
import { openPgDriver, PostgresTimeoutError } from '../packages/adapters/src/postgres.js';
import { runCli } from './support/cli-run.js';
import { freshSchema, postgresUrl } from './support/postgres.js';
import { start } from './support/store-contract.js';

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const listen = async (server: Server): Promise<number> => {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
};

/** A server that accepts connections and never says a word. */
const silentServer = (): Promise<number> =>
  listen(
    createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => {});
    }),
  );

/** A proxy to the real server that forwards until `freeze()`; then it holds every byte. */
const freezingProxy = async (target: URL) => {
  let frozen = false;
  const port = await listen(
    createServer((client) => {
      const server = tcpConnect(Number(target.port || 5432), target.hostname);
      sockets.push(client, server);
      client.on('error', () => {});
      server.on('error', () => {});
      client.on('data', (chunk) => {
        if (!frozen) server.write(chunk);
      });
      server.on('data', (chunk) => {
        if (!frozen) client.write(chunk);
      });
    }),
  );
  return { port, freeze: () => (frozen = true) };
};

describe('PostgreSQL time limits', () => {
  it('a server that accepts and never answers: the open fails after connect_timeout, in Dutch', async () => {
    const port = await silentServer();
    await expect(openStore(`postgres://postgres@127.0.0.1:${port}/postgres?connect_timeout=1`)).rejects.toThrow(
      new PostgresTimeoutError(
        'PostgreSQL antwoordt niet: geen verbinding binnen 1 s (grens: connect_timeout=SECONDEN in het adres, standaard 10)',
      ),
    );
  }, 30_000);

  it('the CLI import into such a server ends with exit 3 and one Dutch line', async () => {
    const port = await silentServer();
    const dir = await mkdtemp(join(tmpdir(), 'zelfredzaam-timeout-'));
    try {
      await writeFile(
        join(dir, 'in.ndjson'),
        `${JSON.stringify({ type: 'UitkeringGestart', huishouden: 'h-1', datum: '2014-01-01', regeling: 'Participatiewet' })}\n`,
      );
      const result = await runCli(
        ['import', 'in.ndjson', '--store', `postgres://postgres@127.0.0.1:${port}/postgres?connect_timeout=1`],
        { cwd: dir },
      );
      expect(result.code, result.stderr).toBe(3);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/kan niet worden geopend: PostgreSQL antwoordt niet: geen verbinding binnen 1 s/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a server that freezes mid-session: the next append fails after statement_timeout and the grace', async () => {
    const target = new URL(postgresUrl());
    const proxy = await freezingProxy(target);
    const url = new URL(target);
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set('schema', freshSchema());
    url.searchParams.set('statement_timeout', '1');
    const store = await openStore(url.toString());
    try {
      await store.appendToStream('huishouden-h-1', 'no_stream', [start('h-1', '2014-01-01')]);
      proxy.freeze();
      await expect(store.appendToStream('huishouden-h-2', 'no_stream', [start('h-2', '2014-01-01')])).rejects.toThrow(
        /^PostgreSQL antwoordt niet: een opdracht kreeg binnen 6 s geen antwoord \(hangt de server\?/,
      );
    } finally {
      await store.close().catch(() => {});
    }
  }, 60_000);

  it('a statement running longer than statement_timeout is cancelled by the server, in Dutch', async () => {
    const driver = await openPgDriver(postgresUrl(), { statementTimeoutMs: 300 });
    try {
      await expect(driver.query('SELECT pg_sleep(5)')).rejects.toThrow(
        /^PostgreSQL brak een opdracht af die langer duurde dan 0,3 s \(grens: statement_timeout=SECONDEN/,
      );
      // The connection is still good for the next statement.
      expect(await driver.query('SELECT 1')).toEqual([[1]]);
    } finally {
      await driver.close();
    }
  }, 30_000);

  it('refuses a time limit that is not a number of seconds', async () => {
    await expect(openStore('postgres://postgres@127.0.0.1:1/postgres?statement_timeout=abc')).rejects.toThrow(
      /statement_timeout verwacht een aantal seconden/,
    );
  });
});
