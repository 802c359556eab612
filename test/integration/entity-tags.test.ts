/**
 * Terms and vocabularies carry strong entity-tags derived from the data (RFC 9110 §8.8.1, §8.8.3): the same data gives
 * the same tag in any process, a different resource a different tag, and If-None-Match with it answers 304 (§13.1.2).
 */
import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/http/index.js';
import { termVersion, vocabularyVersion, type VocabularyService } from '../../src/vocab/index.js';
import { loadMirrorVocabularies } from '../support/loaded-service.js';

let service: VocabularyService;
let app: Express;

beforeAll(async () => {
  service = await loadMirrorVocabularies(['refframe', 'timescale']);
  app = createApp({ vocabularies: service, log: () => {} });
}, 120_000);

describe('strong entity-tags derived from the data', () => {
  test('RFC 9110 §8.8.1: a term answer carries a strong ETag, the same on every request, and 304 for If-None-Match (§13.1.2)', async () => {
    const first = await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS').expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"t-[A-Za-z0-9_-]+"$/);
    const again = await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS').expect(200);
    expect(again.headers.etag).toBe(etag);
    await request(app).get('/api/v1/vocabularies/refframe/terms/ICRS').set('If-None-Match', etag).expect(304);
    const other = await request(app).get('/api/v1/vocabularies/refframe/terms/FK5').expect(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  test('RFC 9110 §8.8.1: a vocabulary answer carries a strong ETag and 304 for If-None-Match', async () => {
    const first = await request(app).get('/api/v1/vocabularies/refframe').expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"v-[A-Za-z0-9_-]+"$/);
    await request(app).get('/api/v1/vocabularies/refframe').set('If-None-Match', etag).expect(304);
    const other = await request(app).get('/api/v1/vocabularies/timescale').expect(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  test('the tags come from the data, not the process: a second load of the same sources gives the same tags', async () => {
    const second = await loadMirrorVocabularies(['refframe', 'timescale']);
    const icrs = (s: VocabularyService) => termVersion(s.index, s.index.term('refframe', 'ICRS')!);
    expect(icrs(second)).toBe(icrs(service));
    expect(vocabularyVersion(second.get('refframe')!)).toBe(vocabularyVersion(service.get('refframe')!));
  }, 120_000);

  test('a term whose replacement changes label gets a new tag (the answer shows the replacement label)', () => {
    const deprecated = service.index.terms('refframe').find((t) => t.useInstead.length > 0);
    expect(deprecated).toBeDefined();
    const before = termVersion(service.index, deprecated!);
    const replacement = service.index.termByIri(deprecated!.useInstead[0]!)!;
    const relabelled = { ...replacement, labels: ['Another label'] };
    const index = new Proxy(service.index, {
      get: (target, key) => (key === 'termByIri' ? (iri: string) => (iri === replacement.iri ? relabelled : target.termByIri(iri)) : Reflect.get(target, key)),
    });
    expect(termVersion(index, deprecated!)).not.toBe(before);
  });
});
