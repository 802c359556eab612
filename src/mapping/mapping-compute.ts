/**
 * Matching runs asked for by a maintainer over the API: between two hosted vocabularies, or from an uploaded
 * vocabulary file (parsed in a disposable worker, bounded in size and terms) to a hosted one. Nothing is stored:
 * the candidates, as an SSSOM set, are the answer.
 */
import { IngestError, InputBoundError } from '../ingest/index.js';
import { AstrovocError } from '../model/index.js';
import { DEFAULT_MIN_CONFIDENCE, type MatchInput } from './candidate-generator.js';
import type { MappingSet } from './mapping.js';
import { MappingError } from './mapping-error.js';
import type { MappingService } from './mapping-service.js';
import { parseUntrustedVocabulary, type VocabularyFileSyntax } from './vocabulary-file.js';

/** The most terms an uploaded vocabulary may have: the biggest hosted pair (facility, ~7,900 terms) takes ~2 s. */
export const MAX_UPLOADED_TERMS = 10_000;
/** The name of an uploaded vocabulary given none: its terms are https://astrovoc.org/local/upload#<slug>. */
export const DEFAULT_UPLOAD_NAME = 'upload';

/** The candidates of a run as an SSSOM set named `<source>-<target>`, with the number of pairs the matchers scored. */
export interface ComputedSet {
  set: MappingSet;
  pairsScored: number;
}

export interface HostedCompute {
  source: string;
  target: string;
  minConfidence?: number;
}

export interface UploadCompute {
  bytes: Uint8Array;
  syntax: VocabularyFileSyntax;
  /** The hosted vocabulary the upload is matched against (its terms as objects). */
  target: string;
  /** The upload's name, in its term IRIs (https://astrovoc.org/local/<name>#…) and in the set name. */
  name?: string;
  minConfidence?: number;
}

function hostedInput(service: MappingService, vocabularyId: string, field: string): MatchInput {
  const input = service.hostedInput(vocabularyId);
  if (!input) throw new MappingError('invalid', `no hosted vocabulary with id ${vocabularyId}`, field);
  return input;
}

async function computed(service: MappingService, source: MatchInput, target: MatchInput, names: HostedCompute): Promise<ComputedSet> {
  const result = await service.computeAsync(source, target, { minConfidence: names.minConfidence ?? DEFAULT_MIN_CONFIDENCE });
  const set: MappingSet = {
    name: `${names.source}-${names.target}`,
    meta: {
      mappingSetId: `https://astrovoc.org/mappings/computed/${encodeURIComponent(names.source)}-${encodeURIComponent(names.target)}`,
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      curieMap: {},
      other: {},
    },
    mappings: result.mappings,
  };
  return { set, pairsScored: result.pairsScored };
}

/** Candidates between two hosted vocabularies (MappingError `invalid`, naming `source` or `target`, for one not hosted). */
export async function computeHosted(service: MappingService, request: HostedCompute): Promise<ComputedSet> {
  const source = hostedInput(service, request.source, 'source');
  const target = hostedInput(service, request.target, 'target');
  return computed(service, source, target, request);
}

/** A reader's error (code, line, column; bound and limit when over one), titled for a vocabulary file and pointing at the uploaded body. */
function uploadError(error: IngestError): AstrovocError {
  const title = error.kind === 'too-large' ? 'Content Too Large' : error instanceof InputBoundError ? 'Refused vocabulary file' : 'Malformed vocabulary file';
  return new AstrovocError(error.kind, error.message, { title, location: { ...error.location, parameter: 'body' }, fields: error.fields, cause: error });
}

/**
 * Candidates from an uploaded vocabulary to a hosted one. The upload is parsed in a disposable worker within
 * `timeoutMs`; a malformed or over-bound file, an empty one, or one of more than MAX_UPLOADED_TERMS terms (matching
 * runs in the caller's request) is an AstrovocError pointing at the body.
 */
export async function computeFromUpload(service: MappingService, upload: UploadCompute, limits: { timeoutMs: number }): Promise<ComputedSet> {
  const target = hostedInput(service, upload.target, 'target');
  const name = upload.name ?? DEFAULT_UPLOAD_NAME;
  let source: MatchInput;
  try {
    const file = await parseUntrustedVocabulary({ bytes: upload.bytes, syntax: upload.syntax, id: name, fileName: 'request body' }, limits);
    source = { terms: file.terms, source: file.meta.iri };
  } catch (error) {
    throw error instanceof IngestError ? uploadError(error) : error;
  }
  if (source.terms.length === 0) {
    throw new AstrovocError('invalid-input', `no terms found in the ${upload.syntax} body`, {
      title: 'Empty vocabulary file',
      location: { parameter: 'body' },
    });
  }
  if (source.terms.length > MAX_UPLOADED_TERMS) {
    throw new AstrovocError(
      'too-large',
      `the body holds ${source.terms.length} terms; matching runs in the request, so at most ${MAX_UPLOADED_TERMS} are taken (use astrovoc map compute for more)`,
      { title: 'Too many terms', location: { parameter: 'body' }, fields: { limit: MAX_UPLOADED_TERMS } },
    );
  }
  return computed(service, source, target, {
    source: name,
    target: upload.target,
    ...(upload.minConfidence !== undefined ? { minConfidence: upload.minConfidence } : {}),
  });
}
