/** UCD parsing, validation, suggestions, explanations and VOTable checks. */
export { UcdService, UCD_TERM_BASE, type UcdServiceOptions, type UcdServiceSource, type WordQuery, type WordListing } from './ucd-service.js';
export {
  UCD_DIAGNOSTIC_CODES,
  type UcdDiagnostic,
  type UcdDiagnosticCode,
  type UcdSeverity,
  type UcdStatus,
  type UcdSuggestion,
  type UcdValidation,
  type UcdWordReport,
} from './ucd-diagnostic.js';
export { MAX_UCD_LENGTH } from './ucd-validator.js';
export type { UcdExplanation, ExplainedWord } from './ucd-explainer.js';
export type { UcdCandidate } from './ucd-text-suggester.js';
export {
  DEFAULT_MAX_VOTABLE_BYTES,
  DEFAULT_MAX_VOTABLE_DEPTH,
  DEFAULT_MAX_CHECKED_ELEMENTS,
  type TermVocabulary,
  type VocabularyTermInfo,
  type VotableCheckOptions,
  type VotableFinding,
  type VotableReport,
  type VotableValueStatus,
  type VotableVocabularies,
} from './votable-checker.js';
export { HostedUcd, votableVocabulariesFrom, ucdSourceFromQuads, VOTABLE_VOCABULARY_IDS, UCD_VOCABULARY_ID } from './hosted-ucd.js';
export { UcdLimitError, type UcdBound } from './ucd-limit-error.js';
export { VotableCheckSandbox, DEFAULT_VOTABLE_SANDBOX_LIMITS, type VotableSandboxLimits } from './votable-check-sandbox.js';
export { reportJson } from './votable-check-task.js';
export { validateBatchJson, type UcdBatchOptions } from './ucd-batch.js';
export { browseUcd, familyOf, BROWSE_CANDIDATES, type UcdBrowse, type UcdBrowseQuery } from './ucd-browser.js';
