import { randomUUID } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TemporaryPostgres {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
  /** Restarts the server on the same port (for outage tests). */
  restart(): Promise<void>;
  pgCtl(action: 'start' | 'stop'): void;
}

function findBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions[0] === undefined) {
    throw new Error('PostgreSQL non trovato in /usr/lib/postgresql: installalo (apt-get install -y postgresql) oppure imposta PERF_TEST_PG=postgres://...');
  }
  return join(root, versions[0], 'bin');
}

/** A loopback port free right now (for a server a test starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function runAsServerUser(command: string, args: readonly string[]): void {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, [...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export async function startTemporaryPostgres(): Promise<TemporaryPostgres> {
  const bin = findBinDir();
  const base = mkdtempSync(join(tmpdir(), 'perf-pg-'));
  chmodSync(base, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres', base]);
  const dataDir = join(base, 'data');
  const port = await freePort();
  runAsServerUser(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const pgCtl = (action: 'start' | 'stop') => {
    if (action === 'start') {
      runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', join(base, 'log'), '-o', `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, '-w', 'start']);
    } else {
      runAsServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    }
  };
  pgCtl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    pgCtl,
    restart: async () => { pgCtl('stop'); pgCtl('start'); },
    stop: async () => {
      try { pgCtl('stop'); } finally { rmSync(base, { recursive: true, force: true }); }
    },
  };
}

/** Creates a new, empty database on the server at `serverUrl` and returns its URL (`<prefix>_<random>`). */
export async function createDatabase(serverUrl: string, prefix = 'perf'): Promise<string> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
