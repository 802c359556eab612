/**
 * The editor pages on a real stack for the page tests: the refframe vocabulary read from the mirror, a curation
 * record in a fresh temporary data directory, a token registry, and the routes the pages use (editor pages, the
 * resolver's public pages, the term API with its export), as createApp mounts them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express, { type Express } from 'express';
import type { TokenRegistry } from '../../src/access/index.js';
import { loadCatalogue } from '../../src/catalogue/index.js';
import { CurationService, fileProposalLog, ProposalService } from '../../src/curation/index.js';
import { apiRouter } from '../../src/http/api/mount-routes.js';
import { pageCuration } from '../../src/http/page-curation.js';
import { notFoundHandler, problemHandler } from '../../src/http/problem.js';
import { editorRoutes } from '../../src/http/routes/editor-routes.js';
import { resolverRoutes } from '../../src/http/routes/resolver-routes.js';
import { termEditRoutes } from '../../src/http/routes/term-edit-routes.js';
import { securityHeaders } from '../../src/http/security-headers.js';
import { PageRenderer } from '../../src/render/index.js';
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
  });
  await vocabularies.load(sourceDir);
  const lookup = createLookup(vocabularies);
  const pages = new PageRenderer(resolve(PROJECT_ROOT, 'templates'));
  const app = express();
  app.set('query parser', 'simple');
  // The site's headers: its Content-Security-Policy, and Referrer-Policy no-referrer, which the editor pages relax to same-origin.
  app.use(securityHeaders);
  app.use('/static', express.static(resolve(PROJECT_ROOT, 'static')));
  app.use(
    apiRouter(
      [
        editorRoutes({ vocabularies, lookup, pages, curation, proposals, authenticate: (token) => tokens.authenticate(token) }),
        resolverRoutes({ vocabularies, lookup, pages, curation: pageCuration(curation, proposals) }),
        termEditRoutes(curation, lookup, vocabularies),
      ],
      { tokens },
    ),
  );
  app.use(notFoundHandler);
  app.use(problemHandler((error) => console.error(error)));
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
