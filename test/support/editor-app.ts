/**
 * The editor pages on a real stack for the page tests: the refframe vocabulary read from the mirror, a curation
 * record in a fresh temporary data directory, a token registry, and the routes the pages use (editor pages, the
 * resolver's public pages, the term API with its export), mounted by createApp as the server mounts them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { createApp } from '../../src/http/index.js';
import type { TokenRegistry } from '../../src/access/index.js';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { CurationService, fileProposalLog, ProposalService } from '../../src/curation/index.js';
import { OxigraphStore } from '../../src/store/index.js';
import { createLookup, VocabularyService, type LiveLookup } from '../../src/vocab/index.js';
import { mirrorRoot, PROJECT_ROOT } from './mirror.js';

export interface EditorStack {
  app: Express;
  vocabularies: VocabularyService;
  curation: CurationService;
  proposals: ProposalService;
  lookup: LiveLookup;
  dataDir: string;
  close(): void;
}

/** `sourceDir`: a mirror to read the vocabularies from (default: the real one), e.g. a copy a test then changes. */
export async function editorStack(tokens: TokenRegistry, ids: readonly string[] = ['refframe'], sourceDir = mirrorRoot()): Promise<EditorStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'astrovoc-editor-'));
  const entries = (await loadCatalogue(PROJECT_ROOT)).filter((entry) => ids.includes(entry.id));
  const vocabularies = new VocabularyService(new OxigraphStore(), entries);
  const curation = new CurationService(vocabularies, dataDir);
  // An accepted proposal is carried out as the version it was reviewed at: whatever the term is now.
  const proposals = new ProposalService({
    log: fileProposalLog(dataDir),
    vocabularies,
    carryOut: (actor, vocabulary, change, note) => curation.apply(actor, vocabulary, change, 'any', note),
    carriedOut: (vocabulary, proposal) => curation.changes(vocabulary).find((entry) => entry.proposal === proposal),
  });
  await vocabularies.load(sourceDir);
  const lookup = createLookup(vocabularies);
  const app = createApp({ vocabularies, lookup, curation, proposals, tokens, log: (error) => console.error(error) });
  return {
    app,
    vocabularies,
    curation,
    proposals,
    lookup,
    dataDir,
    close: () => {
      lookup.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
