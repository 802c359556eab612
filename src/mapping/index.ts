/** Cross-vocabulary mappings: SSSOM sets, matchers and candidate generation, review, translation, evaluation. */
export {
  REVIEW_STATUSES,
  JUSTIFICATION,
  SOURCE_ASSERTED_SET,
  mappingId,
  mappingKey,
  reviewStatus,
  predicateIri,
  skosPredicate,
  type Mapping,
  type MappingSet,
  type MappingSetMeta,
  type ReviewStatus,
} from './mapping.js';
export { readSssom, readSssomLenient, setNameOf, siblingMetadataPath, type ReadSssomOptions, type SssomMetadataFile } from './sssom-reader.js';
export { writeSssom, writeSssomExternal, type WriteSssomOptions } from './sssom-writer.js';
export { SssomError } from './sssom-error.js';
export { CurieMap, BUILT_IN_PREFIXES } from './curie-map.js';
export { mappingGraphIri, mappingSetQuads, MAPPING_GRAPH_PREFIX } from './mapping-graph.js';
export { sourceAssertedSet, inversePredicate } from './source-asserted.js';
export { foldText, labelKey, labelTokens, bagKey, compactKey, singular } from './label-normaliser.js';
export { sameIri, exactLabel, wordBag, compactLabel, acronym, containment } from './label-matchers.js';
export { impliedHead, impliedQualifier } from './context-matchers.js';
export { labelSimilarity, definitionSimilarity, VectorCache, type SimilarityModel } from './similarity-matchers.js';
export type { Evidence } from './evidence.js';
export { MATCHERS, BASELINE_MATCHERS, type Matcher, type MatchContext } from './matchers.js';
export { MATCH_TUNING } from './matching-tuning.js';
export { termFeatures, capitalStyle, type TermFeatures } from './term-features.js';
export { TfIdf, cosine } from './tfidf.js';
export {
  computeCandidates,
  computeCandidatesAsync,
  DEFAULT_MIN_CONFIDENCE,
  EXACT_MARGIN,
  MATCHER_TOOL,
  MATCHER_VERSION,
  type MatchInput,
  type MatchOptions,
  type MatchResult,
} from './candidate-generator.js';
export {
  readVocabularyFile,
  parseVocabulary,
  parseUntrustedVocabulary,
  checkTermBounds,
  MAX_LABEL_CHARS,
  MAX_ALT_LABELS,
  MAX_DEFINITION_CHARS,
  plainList,
  type FileVocabulary,
  type VocabularyBytes,
  type VocabularyFileSyntax,
} from './vocabulary-file.js';
export { readGold, goldInput, goldSubjects, decodeText, labelSubjectIri, type GoldSet, type GoldRow, type GoldWarning } from './gold-standard.js';
export { evaluate, type Evaluation, type EvaluationOptions, type JudgedTriple, type Scores, type StalePair, type StaleReason } from './evaluation.js';
export { canonicalIris, creationOrder } from './aliases.js';
export { TranslationGraph, compose, type Translation, type PathStep, type UsableMapping } from './translation.js';
export {
  MappingRepository,
  readSssomFile,
  readSssomFileLenient,
  writeSssomFile,
  prepareSssomFile,
  etagOf,
  CHANGE_LOG,
  type ChangeEntry,
  type ChangeLog,
  type PreparedWrite,
} from './mapping-repository.js';
export { IRI_SCHEMES, MAX_IDENTIFIER_LENGTH, iriProblem, parseIdentifier } from './mapping-identifier.js';
export { personIri, oneLine } from './mapping-rows.js';
export {
  MappingService,
  CURATED_SET,
  type MappingLoadReport,
  type MappingRecord,
  type MappingFilter,
  type NewMapping,
  type Review,
  type MappingSetSummary,
} from './mapping-service.js';
export { MappingError, type MappingErrorCode } from './mapping-error.js';
export {
  computeHosted,
  computeFromUpload,
  MAX_UPLOADED_TERMS,
  DEFAULT_UPLOAD_NAME,
  type ComputedSet,
  type HostedCompute,
  type UploadCompute,
} from './mapping-compute.js';
export {
  translateTerm,
  translateValues,
  type TermName,
  type TranslationOptions,
  type TermTranslation,
  type ValueTranslation,
  type BatchTranslation,
} from './term-translation.js';
export { evidenceOf, type MappingEvidence } from './mapping-evidence.js';
