/**
 * Hardening, items 8 and 9: identifiers the SSSOM reader would refuse are refused before anything is
 * written; a bad row costs only itself; a review is logged (fsync) before its file is replaced, under the
 * write token's owner, and a kill -9 at any moment loses nothing acknowledged and tears no file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import request from 'supertest';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { TokenRegistry } from '../../src/access/index.js';
import { mappingRoutes } from '../../src/http/routes/mapping-routes.js';
import { notFoundHandler, problemHandler } from '../../src/http/problem.js';
import { mappingId, MappingRepository, MappingService, readSssomFile, reviewStatus, type ChangeEntry } from '../../src/mapping/index.js';
import { VocabularyService } from '../../src/vocab/index.js';
import { KILL_ROUNDS } from '../support/kill-rounds.js';
import { loadMirrorVocabularies } from '../support/loaded-service.js';
import { mirrorRoot, PROJECT_ROOT } from '../support/mirror.js';

const TOKEN = 'alice:secret';
const auth = { Authorization: `Bearer ${TOKEN}` };
const IHDEA = 'http://voparis-ns.obspm.fr/rdf/ihdea/refframe#';
const REFFRAME = 'http://www.ivoa.net/rdf/refframe#';

/** The two vocabularies of the ihdea-refframe_refframe set, from the real mirror (a full load is not needed here). */
const smallService = () => loadMirrorVocabularies(['refframe', 'ihdea_refframe']);

function appFor(service: MappingService): Express {
  const app = express();
  app.set('query parser', 'simple');
  app.use(apiRouter([mappingRoutes(service)], { tokens: TokenRegistry.fromEnvironment([TOKEN]) }));
  app.use(notFoundHandler);
  app.use(problemHandler(() => undefined));
  return app;
}

function changeLog(dir: string): ChangeEntry[] {
  const file = join(dir, 'changes.jsonl');
  return existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ChangeEntry)
    : [];
}

describe('item 8: identifiers the reader would refuse are never written', () => {
  let vocabularies: VocabularyService;
  let dir: string;
  let service: MappingService;
  let app: Express;

  beforeAll(async () => {
    vocabularies = await smallService();
    dir = mkdtempSync(join(tmpdir(), 'astrovoc-mapping-abuse-'));
    cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
    service = new MappingService(vocabularies, new MappingRepository(dir));
    await service.load();
    app = appFor(service);
  }, 60_000);

  afterAll(() => {
    service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('item 8: tag:, javascript: and an IRI with > are 400s naming the field; nothing is written, and the curated set still loads after a restart', async () => {
    const good = await request(app)
      .post('/api/v1/mappings')
      .set(auth)
      .send({ subject_id: `${IHDEA}GSE`, predicate_id: 'closeMatch', object_id: `${REFFRAME}GEOCENTRIC` });
    expect(good.status).toBe(201);
    const before = readFileSync(join(dir, 'curated.sssom.tsv'), 'utf8');
    const logBefore = changeLog(dir).length;

    const bad: [string, Record<string, string>][] = [
      ['object_id', { object_id: 'tag:example.org,2026:frame' }],
      ['object_id', { object_id: 'javascript:alert(1)' }],
      ['object_id', { object_id: `${REFFRAME}ICRS>` }],
      ['subject_id', { subject_id: 'http://example.org/a b' }],
      ['subject_id', { subject_id: 'nope:thing' }],
      ['object_id', { object_id: 'skos:a>b' }],
    ];
    for (const [field, fields] of bad) {
      const res = await request(app)
        .post('/api/v1/mappings')
        .set(auth)
        .send({ subject_id: `${IHDEA}GSM`, predicate_id: 'relatedMatch', object_id: `${REFFRAME}ICRS`, ...fields });
      expect({ sent: fields, status: res.status }).toEqual({ sent: fields, status: 400 });
      expect(JSON.parse(res.text)).toMatchObject({ status: 400, parameter: field });
    }
    expect(readFileSync(join(dir, 'curated.sssom.tsv'), 'utf8')).toBe(before);
    expect(changeLog(dir)).toHaveLength(logBefore);

    // A comment with tabs and line breaks stays in its cell.
    const commented = await request(app)
      .post('/api/v1/mappings')
      .set(auth)
      .send({ subject_id: `${IHDEA}GSM`, predicate_id: 'relatedMatch', object_id: `${REFFRAME}ICRS`, comment: 'one\ttwo\nthree\r\n' });
    expect(commented.status).toBe(201);
    expect(commented.body.comment).toBe('one two three');
    // An IRI of an accepted scheme that no hosted vocabulary holds (an IVOA identifier), and a CURIE the set declares.
    expect(
      (
        await request(app)
          .post('/api/v1/mappings')
          .set(auth)
          .send({ subject_id: `${IHDEA}GSE`, predicate_id: 'relatedMatch', object_id: 'ivo://ivoa.net/std/VOResource' })
      ).status,
    ).toBe(201);
    expect(
      (
        await request(app)
          .post('/api/v1/mappings')
          .set(auth)
          .send({ subject_id: `${IHDEA}GSE`, predicate_id: 'relatedMatch', object_id: 'skos:Concept' })
      ).body.object_id,
    ).toBe('http://www.w3.org/2004/02/skos/core#Concept');

    const restarted = new MappingService(vocabularies, new MappingRepository(dir));
    const report = await restarted.load();
    expect(report.failures).toEqual([]);
    expect(report.rowErrors).toEqual([]);
    expect(restarted.listSets().find((s) => s.name === 'curated')).toMatchObject({ mappings: 4 });
    restarted.close();
    await service.load();
  });

  it('item 8: a hand-made file with one bad row loads the other rows and reports the row (file:line, field); the set is not rewritten while it has one', async () => {
    const file = join(dir, 'hand-made.sssom.tsv');
    writeFileSync(
      file,
      [
        '#mapping_set_id: https://example.org/hand-made',
        '#license: https://creativecommons.org/publicdomain/zero/1.0/',
        '#curie_map:',
        `#  ihdea: ${IHDEA}`,
        `#  refframe: ${REFFRAME}`,
        'subject_id\tpredicate_id\tobject_id\tmapping_justification',
        'ihdea:GSE\tskos:closeMatch\trefframe:GEOCENTRIC\tsemapv:LexicalMatching',
        'ihdea:GSM\tskos:closeMatch\ttag:example.org,2026:frame\tsemapv:LexicalMatching',
        'ihdea:HEE\tskos:closeMatch\trefframe:ECLIPTIC\tsemapv:LexicalMatching',
        '',
      ].join('\n'),
    );
    const other = new MappingService(vocabularies, new MappingRepository(dir));
    const report = await other.load();
    expect(report.failures).toEqual([]);
    expect(report.rowErrors).toHaveLength(1);
    expect(report.rowErrors[0]).toMatchObject({ field: 'object_id', location: { file, line: 8, column: 3 } });
    expect(report.rowErrors[0]!.message).toMatch(/hand-made\.sssom\.tsv:8:3 \(object_id\).*tag/);
    const set = other.listSets().find((s) => s.name === 'hand-made');
    expect(set).toMatchObject({ mappings: 2, byStatus: { proposed: 2 }, unreadableRows: [{ line: 8, field: 'object_id' }] });

    const row = other.list({ set: 'hand-made' }).mappings[0]!;
    await expect(other.review(row.id, { decision: 'accept', reviewer: 'alice' }, [row.etag])).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(file, 'utf8')).toContain('tag:example.org,2026:frame');
    other.close();
    rmSync(file);
  });
});

describe('item 9: the change log is the record, and "who" is the token', () => {
  it('item 9: a body reviewer that is not the token owner is a 400; without it the review is recorded under the token owner', async () => {
    const vocabularies = await smallService();
    const dir = mkdtempSync(join(tmpdir(), 'astrovoc-mapping-who-'));
    cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
    const service = new MappingService(vocabularies, new MappingRepository(dir));
    await service.load();
    const app = appFor(service);
    const target = service.list({ set: 'ihdea-refframe_refframe', status: 'proposed' }).mappings[0]!;
    const url = `/api/v1/mappings/${target.id}/review`;
    const forged = await request(app).post(url).set(auth).set('If-Match', target.etag).send({ decision: 'accept', reviewer: 'mallory' });
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.text)).toMatchObject({ parameter: 'reviewer' });
    expect(changeLog(dir)).toEqual([]);
    const ok = await request(app).post(url).set(auth).set('If-Match', target.etag).send({ decision: 'accept', reviewer: 'alice' });
    expect(ok.status).toBe(200);
    expect(ok.body.reviewer_id).toEqual(['https://astrovoc.org/user/alice']);
    expect(changeLog(dir).map((e) => [e.who, e.action, e.mapping])).toEqual([['alice', 'accept', target.id]]);
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('item 9: a failed write changes nothing: with the store refusing the graph, the review is a 5xx, the file and the log are as before', async () => {
    const vocabularies = await smallService();
    const dir = mkdtempSync(join(tmpdir(), 'astrovoc-mapping-broken-store-'));
    cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
    const service = new MappingService(vocabularies, new MappingRepository(dir));
    await service.load();
    const target = service.list({ set: 'ihdea-refframe_refframe', status: 'proposed' }).mappings[0]!;
    const file = join(dir, 'ihdea-refframe_refframe.sssom.tsv');
    const before = readFileSync(file, 'utf8');
    // The store broken as item 5 found it (a trapped WebAssembly instance): every write throws.
    const writeGraphs = vocabularies.writeGraphs.bind(vocabularies);
    vocabularies.writeGraphs = () => Promise.reject(new Error('RuntimeError: unreachable'));
    const res = await request(appFor(service)).post(`/api/v1/mappings/${target.id}/review`).set(auth).set('If-Match', target.etag).send({ decision: 'reject' });
    expect(res.status).toBe(500);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'changes.jsonl')) ? readFileSync(join(dir, 'changes.jsonl'), 'utf8') : '').toBe('');
    expect(service.get(target.id)!.status).toBe('proposed');
    vocabularies.writeGraphs = writeGraphs;
    service.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('item 9: a change logged but not yet in its file (a stop between the two) is applied at the next start; a cut-off last log line is removed with a note, never fatal', async () => {
    const vocabularies = await smallService();
    const dir = mkdtempSync(join(tmpdir(), 'astrovoc-mapping-recover-'));
    cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
    const repository = new MappingRepository(dir);
    const first = new MappingService(vocabularies, repository);
    await first.load();
    const [a, b] = first.list({ set: 'ihdea-refframe_refframe', status: 'proposed' }).mappings;
    await first.review(a!.id, { decision: 'accept', reviewer: 'alice' }, [a!.etag]);
    first.close();
    // What a kill after the log's fsync and before the rename leaves: the entry, and the file as before.
    const file = join(dir, 'ihdea-refframe_refframe.sssom.tsv');
    const fileBefore = readFileSync(file, 'utf8');
    const row = { ...b!.mapping, predicateModifier: 'Not' as const, reviewerId: ['https://astrovoc.org/user/alice'], extra: { review_date: '2026-12-07' } };
    await repository.log({
      at: '2026-12-07T12:00:00.000Z',
      who: 'alice',
      action: 'reject',
      set: 'ihdea-refframe_refframe',
      mapping: b!.id,
      subject: row.subjectId,
      predicate: row.predicateId,
      object: row.objectId,
      row,
      previous: b!.mapping,
    });
    // …and a kill in the middle of the next append.
    writeFileSync(join(dir, 'changes.jsonl'), `${readFileSync(join(dir, 'changes.jsonl'), 'utf8')}{"at":"2026-12-07T12:00:01.000Z","who":"al`);
    // …and the temp file of a write cut short.
    writeFileSync(`${file}.1234567`, fileBefore.slice(0, 100));

    const second = new MappingService(vocabularies, new MappingRepository(dir));
    const report = await second.load();
    expect(report.recovery).toEqual([
      expect.stringMatching(/ihdea-refframe_refframe\.sssom\.tsv\.1234567: the temp file of a write that was stopped; removed/),
      expect.stringMatching(/changes\.jsonl:3: the last line was cut short/),
      expect.stringMatching(/reject of .* by alice .* applied now/),
    ]);
    expect(existsSync(`${file}.1234567`)).toBe(false);
    expect(second.get(a!.id)!.status).toBe('accepted');
    expect(second.get(b!.id)!.status).toBe('rejected');
    expect(readFileSync(file, 'utf8')).not.toBe(fileBefore);
    expect(readFileSync(join(dir, 'changes.jsonl'), 'utf8').endsWith('}\n')).toBe(true);
    expect(changeLog(dir).map((e) => [e.action, e.mapping])).toEqual([
      ['accept', a!.id],
      ['reject', b!.id],
    ]);
    // A third start finds nothing to do.
    const third = new MappingService(vocabularies, new MappingRepository(dir));
    expect((await third.load()).recovery).toEqual([]);
    second.close();
    third.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const KILLS = KILL_ROUNDS;

  it(`item 9: ${KILLS} kill -9 at random moments of a stream of reviews: after each restart every acknowledged review is in the log and the file (who = alice), the file holds no review the log lacks, and no file is torn`, async () => {
    const cli = join(PROJECT_ROOT, 'dist', 'cli', 'main.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
    const root = mkdtempSync(join(tmpdir(), 'astrovoc-mapping-kill-'));
    const dir = join(root, 'mappings');
    cpSync(resolve(PROJECT_ROOT, 'mappings'), dir, { recursive: true });
    // The mirror holds one real vocabulary: every mapping set loads from its file whatever is hosted, and on
    // this shared machine the full mirror costs ~10 s a start and 0.4-2 s a review (the store recounts every
    // graph after each write), which would put twenty rounds past four minutes.
    const mirror = join(root, 'mirror');
    mkdirSync(join(mirror, 'ivoa-vocabularies'), { recursive: true });
    symlinkSync(join(mirrorRoot(), 'ivoa-vocabularies', 'refframe'), join(mirror, 'ivoa-vocabularies', 'refframe'));
    const acknowledged = new Map<string, { decision: 'accept' | 'reject'; set: string }>();
    const attempted = new Set<string>();
    let sets = new Map<string, string>();
    let queue: string[] = [];
    let reviewsSent = 0;
    const started = Date.now();

    for (let round = 0; round <= KILLS; round++) {
      const { child, base } = await startServer(cli, mirror, root, dir);
      try {
        if (round === 0) {
          const listed = (await (await fetch(`${base}/api/v1/mappings?status=proposed&limit=1000`)).json()) as { mappings: { id: string; set: string }[] };
          sets = new Map(listed.mappings.map((m) => [m.id, m.set]));
          queue = [...sets.keys()];
        }
        await checkRecord(dir, acknowledged, attempted, sets);
        if (round === KILLS) break;
        // Three concurrent streams of reviews, each of a mapping never reviewed before; the kill lands at a random moment.
        let stop = false;
        const stream = async () => {
          while (!stop) {
            const id = queue.shift();
            if (id === undefined) return;
            const decision = Math.random() < 0.5 ? 'accept' : 'reject';
            attempted.add(id);
            reviewsSent++;
            try {
              const etag = (await fetch(`${base}/api/v1/mappings/${id}`)).headers.get('etag')!;
              const res = await fetch(`${base}/api/v1/mappings/${id}/review`, {
                method: 'POST',
                headers: { ...auth, 'If-Match': etag, 'Content-Type': 'application/json' },
                body: JSON.stringify({ decision }),
              });
              if (res.status === 200) acknowledged.set(id, { decision, set: sets.get(id)! });
            } catch {
              return;
            }
          }
        };
        const streams = [stream(), stream(), stream()];
        await new Promise((r) => setTimeout(r, Math.random() * 800));
        child.kill('SIGKILL');
        stop = true;
        await Promise.all(streams);
      } finally {
        child.kill('SIGKILL');
        await new Promise<void>((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r())));
      }
    }
    const unanswered = [...attempted].filter((id) => !acknowledged.has(id) && changeLog(dir).some((e) => e.mapping === id)).length;
    console.log(
      `item 9: ${KILLS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s; ${reviewsSent} reviews sent, ${acknowledged.size} acknowledged, all in the log and the file after each restart; ${unanswered} cut off by a kill were logged, and are in the file too`,
    );
    expect(acknowledged.size).toBeGreaterThan(KILLS);
    rmSync(root, { recursive: true, force: true });
  }, 600_000);
});

/** After a restart: the log parses whole; every file reads; every acknowledged review is in both, under alice; no review in a file is missing from the log. */
async function checkRecord(
  dir: string,
  acknowledged: ReadonlyMap<string, { decision: 'accept' | 'reject'; set: string }>,
  attempted: ReadonlySet<string>,
  sets: ReadonlyMap<string, string>,
): Promise<void> {
  const text = existsSync(join(dir, 'changes.jsonl')) ? readFileSync(join(dir, 'changes.jsonl'), 'utf8') : '';
  expect(text === '' || text.endsWith('\n')).toBe(true);
  const log = changeLog(dir);
  const logged = new Map(log.map((e) => [e.mapping, e]));
  for (const entry of log) expect(entry.who).toBe('alice');
  const rows = new Map<string, { status: string; reviewer?: string[] }>();
  // Nothing but whole files: the temp file of a write a kill cut short is removed at start-up.
  expect(readdirSync(dir).filter((n) => !/\.sssom\.tsv$|\.md$|^changes\.jsonl$/.test(n))).toEqual([]);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.sssom.tsv'))) {
    // The strict reader: a torn file, or one bad row, throws.
    const set = await readSssomFile(join(dir, name));
    for (const m of set.mappings) rows.set(mappingId(m), { status: reviewStatus(m, set.name), ...(m.reviewerId ? { reviewer: m.reviewerId } : {}) });
  }
  for (const [id, { decision }] of acknowledged) {
    expect({ id, logged: logged.get(id)?.action }).toEqual({ id, logged: decision });
    expect({ id, status: rows.get(id)?.status, reviewer: rows.get(id)?.reviewer }).toEqual({
      id,
      status: decision === 'accept' ? 'accepted' : 'rejected',
      reviewer: ['https://astrovoc.org/user/alice'],
    });
  }
  for (const id of attempted) {
    const reviewed = (rows.get(id)?.reviewer?.length ?? 0) > 0;
    expect({ id, set: sets.get(id), inFile: reviewed, inLog: logged.has(id) }).toEqual({ id, set: sets.get(id), inFile: reviewed, inLog: reviewed });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

async function startServer(cli: string, mirror: string, root: string, dir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn('node', [cli, '--from', mirror, '--data-dir', join(root, 'data'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    stdio: 'ignore',
    env: { ...process.env, ASTROVOC_MAPPINGS: dir, ASTROVOC_WRITE_TOKENS: TOKEN, ASTROVOC_SPARQL_WORKERS: '1' },
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/mappings/sets`)).ok) return { child, base };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start within 120 s');
}
