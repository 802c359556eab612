import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYNC_STATE_FILE, loadCatalogue, resolveSourceDir, sync, type CatalogueEntry, type SyncProgress, type SyncReport } from '../../src/catalogue/index.js';
import { PROJECT_ROOT, mirrorPath, mirrorRoot, readMirror } from '../support/mirror.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'astrovoc-sync-'));
const byMirror = (report: SyncReport, mirror: string) => report.files.find((f) => f.mirror === mirror)!;

function entry(id: string, sources: Record<string, { url: string; mirror: string }>): CatalogueEntry {
  return {
    id,
    community: 'IVOA',
    title: id,
    flavour: 'RDF Class',
    format: 'ivoa-terms-csv',
    iri: `http://www.ivoa.net/rdf/${id}`,
    licence: { uri: 'http://creativecommons.org/publicdomain/zero/1.0/', name: 'CC0-1.0' },
    sources,
    options: { section: id },
  };
}

describe('sync --from a mirror directory', () => {
  it('copies every distinct source file of the real catalogue into the cache, byte for byte', async () => {
    const entries = await loadCatalogue(PROJECT_ROOT);
    const cacheDir = await tempDir();
    const progress: SyncProgress[] = [];
    const report = await sync(entries, { cacheDir, from: mirrorRoot(), onProgress: (p) => progress.push(p) });

    expect(report.failed).toEqual([]);
    expect(report.files).toHaveLength(33);
    expect(new Set(report.files.map((f) => f.status))).toEqual(new Set(['copied']));
    const conf = byMirror(report, 'ivoa-vocabularies/vocabs.conf');
    expect(conf.entries).toHaveLength(19); // 18 terms.csv vocabularies and the UAT's metadata
    expect(conf.entries).toContain('refframe');
    expect(byMirror(report, 'spase/spase-base-2.7.0.json').entries).toHaveLength(67);
    for (const file of report.files) {
      const original = readMirror(file.mirror);
      expect(file.bytes).toBe(original.length);
      expect(readFileSync(join(cacheDir, file.mirror)).equals(original)).toBe(true);
    }
    expect(progress).toHaveLength(34);
    expect(progress.at(-1)).toMatchObject({ done: 33, total: 33 });
    expect((await readdir(join(cacheDir, 'ivoa-vocabularies'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('reports a file the mirror lacks by name and still copies the others', async () => {
    const from = await tempDir();
    await mkdir(join(from, 'ivoa-vocabularies', 'refframe'), { recursive: true });
    await writeFile(join(from, 'ivoa-vocabularies', 'refframe', 'terms.csv'), readMirror('ivoa-vocabularies/refframe/terms.csv'));
    const entries = [
      entry('refframe', {
        terms: { url: 'https://example.org/refframe/terms.csv', mirror: 'ivoa-vocabularies/refframe/terms.csv' },
        config: { url: 'https://example.org/vocabs.conf', mirror: 'ivoa-vocabularies/vocabs.conf' },
      }),
    ];
    const report = await sync(entries, { cacheDir: await tempDir(), from });
    expect(byMirror(report, 'ivoa-vocabularies/refframe/terms.csv').status).toBe('copied');
    const missing = byMirror(report, 'ivoa-vocabularies/vocabs.conf');
    expect(missing).toMatchObject({ status: 'failed', entries: ['refframe'], url: 'https://example.org/vocabs.conf' });
    expect(missing.reason).toMatch(/not in the mirror .*ENOENT/);
    expect(report.failedEntries).toEqual(['refframe']);
  });
});

interface Resource {
  body: Buffer;
  etag?: string;
  lastModified?: string;
}

/** A loopback server: ETag/If-None-Match and Last-Modified/If-Modified-Since as RFC 9110 §13.1 describes them. */
class TestServer {
  readonly resources = new Map<string, Resource>();
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders }> = [];
  private server: Server | undefined;
  base = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = request.url ?? '/';
      this.requests.push({ path, headers: request.headers });
      if (path === '/hang') return; // never answers: the client's timeout must end it
      const resource = this.resources.get(path);
      if (!resource) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
        return;
      }
      const validators: Record<string, string> = {};
      if (resource.etag) validators.etag = resource.etag;
      if (resource.lastModified) validators['last-modified'] = resource.lastModified;
      const fresh =
        (resource.etag !== undefined && request.headers['if-none-match'] === resource.etag) ||
        (resource.etag === undefined && resource.lastModified !== undefined && request.headers['if-modified-since'] === resource.lastModified);
      if (fresh) {
        response.writeHead(304, validators).end();
        return;
      }
      response.writeHead(200, { ...validators, 'content-length': String(resource.body.length) }).end(resource.body);
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  serve(path: string, body: Buffer, validators: { etag?: boolean; lastModified?: string } = { etag: true }): void {
    this.resources.set(path, {
      body,
      ...(validators.etag ? { etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"` } : {}),
      ...(validators.lastModified ? { lastModified: validators.lastModified } : {}),
    });
  }

  hits(path: string) {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((done) => this.server?.close(() => done()));
  }
}

/** A port on 127.0.0.1 with nothing listening: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('sync over HTTP', () => {
  const server = new TestServer();
  const terms = Buffer.from(readMirror('ivoa-vocabularies/refframe/terms.csv'));
  const conf = Buffer.from(readMirror('ivoa-vocabularies/vocabs.conf'));
  let entries: CatalogueEntry[];
  let refusedUrl: string;

  beforeAll(async () => {
    await server.start();
    server.serve('/refframe/terms.csv', terms);
    server.serve('/vocabs.conf', conf);
    refusedUrl = `http://127.0.0.1:${await closedPort()}/timescale/terms.csv`;
    entries = [
      entry('refframe', {
        terms: { url: `${server.base}/refframe/terms.csv`, mirror: 'ivoa-vocabularies/refframe/terms.csv' },
        config: { url: `${server.base}/vocabs.conf`, mirror: 'ivoa-vocabularies/vocabs.conf' },
      }),
      entry('messenger', {
        terms: { url: `${server.base}/messenger/terms.csv`, mirror: 'ivoa-vocabularies/messenger/terms.csv' },
        config: { url: `${server.base}/vocabs.conf`, mirror: 'ivoa-vocabularies/vocabs.conf' },
      }),
      entry('timescale', {
        terms: { url: refusedUrl, mirror: 'ivoa-vocabularies/timescale/terms.csv' },
        config: { url: `${server.base}/vocabs.conf`, mirror: 'ivoa-vocabularies/vocabs.conf' },
      }),
    ];
  });
  afterAll(() => server.stop());

  it('fetches what answers, reports a 404 and a refused connection by name, and revalidates with If-None-Match', async () => {
    const cacheDir = await tempDir();
    const first = await sync(entries, { cacheDir });

    expect(first.files.map((f) => [f.mirror, f.status])).toEqual([
      ['ivoa-vocabularies/refframe/terms.csv', 'fetched'],
      ['ivoa-vocabularies/vocabs.conf', 'fetched'],
      ['ivoa-vocabularies/messenger/terms.csv', 'failed'],
      ['ivoa-vocabularies/timescale/terms.csv', 'failed'],
    ]);
    expect(byMirror(first, 'ivoa-vocabularies/refframe/terms.csv').bytes).toBe(terms.length);
    expect(await readFile(join(cacheDir, 'ivoa-vocabularies/refframe/terms.csv'))).toEqual(terms);
    expect(await readFile(join(cacheDir, 'ivoa-vocabularies/vocabs.conf'))).toEqual(conf);
    expect(byMirror(first, 'ivoa-vocabularies/messenger/terms.csv')).toMatchObject({ entries: ['messenger'], reason: 'HTTP 404 Not Found' });
    expect(byMirror(first, 'ivoa-vocabularies/timescale/terms.csv')).toMatchObject({ entries: ['timescale'], url: refusedUrl });
    expect(byMirror(first, 'ivoa-vocabularies/timescale/terms.csv').reason).toMatch(/ECONNREFUSED/);
    expect(first.failedEntries.sort()).toEqual(['messenger', 'timescale']);
    // vocabs.conf serves three entries and is fetched once
    expect(server.hits('/vocabs.conf')).toHaveLength(1);
    expect(byMirror(first, 'ivoa-vocabularies/vocabs.conf').entries).toEqual(['refframe', 'messenger', 'timescale']);
    const state = JSON.parse(await readFile(join(cacheDir, SYNC_STATE_FILE), 'utf8'));
    expect(state.files['ivoa-vocabularies/vocabs.conf'].etag).toBe(server.resources.get('/vocabs.conf')!.etag);
    expect(state.files['ivoa-vocabularies/messenger/terms.csv']).toBeUndefined();

    const second = await sync(entries, { cacheDir });
    expect(byMirror(second, 'ivoa-vocabularies/refframe/terms.csv')).toMatchObject({ status: 'not-modified', bytes: terms.length });
    expect(byMirror(second, 'ivoa-vocabularies/vocabs.conf').status).toBe('not-modified');
    expect(second.failed.map((f) => f.mirror)).toEqual(['ivoa-vocabularies/messenger/terms.csv', 'ivoa-vocabularies/timescale/terms.csv']);
    expect(server.hits('/vocabs.conf').at(-1)!.headers['if-none-match']).toBe(server.resources.get('/vocabs.conf')!.etag);
    expect(await readFile(join(cacheDir, 'ivoa-vocabularies/vocabs.conf'))).toEqual(conf);
  });

  it('fetches again when the server has a new version, and keeps the cached file when a later fetch fails', async () => {
    const cacheDir = await tempDir();
    const path = '/changing/terms.csv';
    server.serve(path, Buffer.from('a;1;A;First\n'));
    const changing = [
      entry('changing', {
        terms: { url: `${server.base}${path}`, mirror: 'changing/terms.csv' },
        config: { url: `${server.base}/vocabs.conf`, mirror: 'ivoa-vocabularies/vocabs.conf' },
      }),
    ];
    await sync(changing, { cacheDir });

    server.serve(path, Buffer.from('a;1;A;First\nb;1;B;Second\n'));
    const updated = await sync(changing, { cacheDir });
    expect(byMirror(updated, 'changing/terms.csv')).toMatchObject({ status: 'fetched', bytes: 25 });
    expect(await readFile(join(cacheDir, 'changing/terms.csv'), 'utf8')).toBe('a;1;A;First\nb;1;B;Second\n');

    server.resources.delete(path);
    const gone = await sync(changing, { cacheDir });
    expect(byMirror(gone, 'changing/terms.csv')).toMatchObject({ status: 'failed', reason: 'HTTP 404 Not Found' });
    expect(await readFile(join(cacheDir, 'changing/terms.csv'), 'utf8')).toBe('a;1;A;First\nb;1;B;Second\n');
  });

  it('revalidates with If-Modified-Since when the server gives only Last-Modified', async () => {
    const cacheDir = await tempDir();
    const lastModified = 'Wed, 18 Dec 2024 10:00:00 GMT';
    server.serve('/dated.txt', Buffer.from('#EN-UCDlist-v1.6-2024-12-18\n'), { lastModified });
    const dated = [
      entry('dated', {
        terms: { url: `${server.base}/dated.txt`, mirror: 'dated/terms.csv' },
        config: { url: `${server.base}/vocabs.conf`, mirror: 'ivoa-vocabularies/vocabs.conf' },
      }),
    ];
    expect(byMirror(await sync(dated, { cacheDir }), 'dated/terms.csv').status).toBe('fetched');
    const again = await sync(dated, { cacheDir });
    expect(byMirror(again, 'dated/terms.csv').status).toBe('not-modified');
    expect(server.hits('/dated.txt').at(-1)!.headers['if-modified-since']).toBe(lastModified);
  });

  it('sends no validators when the cached file is gone, so a 304 cannot leave the cache empty', async () => {
    const cacheDir = await tempDir();
    await sync(entries.slice(0, 1), { cacheDir });
    const { rm } = await import('node:fs/promises');
    await rm(join(cacheDir, 'ivoa-vocabularies/refframe/terms.csv'));
    const report = await sync(entries.slice(0, 1), { cacheDir });
    expect(byMirror(report, 'ivoa-vocabularies/refframe/terms.csv').status).toBe('fetched');
    expect(server.hits('/refframe/terms.csv').at(-1)!.headers['if-none-match']).toBeUndefined();
  });

  it('gives up on a server that does not answer within the timeout and says so', async () => {
    const cacheDir = await tempDir();
    const slow = [
      entry('slow', {
        terms: { url: `${server.base}/hang`, mirror: 'slow/terms.csv' },
        config: { url: `${server.base}/vocabs.conf`, mirror: 'ivoa-vocabularies/vocabs.conf' },
      }),
    ];
    const started = Date.now();
    const report = await sync(slow, { cacheDir, timeoutMs: 300 });
    expect(byMirror(report, 'slow/terms.csv')).toMatchObject({ status: 'failed', reason: 'no answer within 300 ms' });
    expect(byMirror(report, 'ivoa-vocabularies/vocabs.conf').status).toBe('fetched');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('logs each file and reports progress once per file', async () => {
    const cacheDir = await tempDir();
    const logged: Array<[string, object, string | undefined]> = [];
    const logger = {
      info: (object: object, message?: string) => logged.push(['info', object, message]),
      warn: (object: object, message?: string) => logged.push(['warn', object, message]),
    };
    const progress: SyncProgress[] = [];
    await sync(entries, { cacheDir, logger, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
    expect(
      logged
        .filter(([level]) => level === 'warn')
        .map(([, object]) => (object as { file: string }).file)
        .sort(),
    ).toEqual(['ivoa-vocabularies/messenger/terms.csv', 'ivoa-vocabularies/timescale/terms.csv']);
  });
});

describe('resolveSourceDir', () => {
  it('reads from the mirror when one is given, else from the cache', () => {
    expect(resolveSourceDir({ from: mirrorRoot(), cacheDir: '/var/cache/astrovoc' })).toBe(mirrorRoot());
    expect(resolveSourceDir({ cacheDir: '/var/cache/astrovoc' })).toBe('/var/cache/astrovoc');
    expect(mirrorPath('ucd/ucd-list.txt')).toBe(join(resolveSourceDir({ from: mirrorRoot(), cacheDir: 'x' }), 'ucd/ucd-list.txt'));
  });
});
