import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueError, loadCatalogue, missingSources, sourceFiles, type CatalogueEntry } from '../../../src/catalogue/index.js';
import { PROJECT_ROOT, mirrorRoot } from '../../support/mirror.js';

describe('sourceFiles', () => {
  let entries: CatalogueEntry[];
  beforeAll(async () => {
    entries = await loadCatalogue(PROJECT_ROOT);
  });

  it('lists each file once with every entry that reads it', () => {
    const files = sourceFiles(entries);
    expect(files).toHaveLength(33);
    const find = (mirror: string) => files.find((f) => f.mirror === mirror)!;
    expect(find('ivoa-vocabularies/vocabs.conf').entries).toHaveLength(19); // 18 terms.csv vocabularies and the UAT's metadata
    expect(find('voparis-ns/vocabs.conf').entries).toEqual(['epn_target_class', 'epn_small_body_dynamical_class', 'epn_spatial_frame_type']);
    expect(find('pds4/registered_context_products.json').entries).toHaveLength(5);
    expect(find('ucd/ucd-list-deprecated.txt')).toMatchObject({
      entries: ['ucd'],
      url: 'https://raw.githubusercontent.com/ivoa-std/UCDList/master/ucd-list-deprecated.txt',
    });
  });

  it('refuses two URLs for one mirror path', () => {
    const a = entries.find((e) => e.id === 'refframe')!;
    const b = { ...a, id: 'other', sources: { ...a.sources, config: { url: 'https://example.org/vocabs.conf', mirror: 'ivoa-vocabularies/vocabs.conf' } } };
    expect(() => sourceFiles([a, b])).toThrow(CatalogueError);
  });
});

describe('missingSources', () => {
  it('finds nothing missing in the upstream mirror and everything missing in an empty directory', async () => {
    const entries = await loadCatalogue(PROJECT_ROOT);
    expect(await missingSources(entries, mirrorRoot())).toEqual([]);
    const missing = await missingSources(entries, await mkdtemp(join(tmpdir(), 'astrovoc-empty-')));
    expect(new Set(missing.map((m) => m.entry)).size).toBe(entries.length);
    expect(missing.find((m) => m.entry === 'ucd' && m.mirror === 'ucd/ucd-list.txt')?.url).toBe(
      'https://raw.githubusercontent.com/ivoa-std/UCDList/master/ucd-list.txt',
    );
  });
});
