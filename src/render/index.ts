export { vocabularyJson, termJson } from './vocabulary-json.js';
export { PageRenderer, safeJson } from './page-renderer.js';
export { PagePaths, vocabularyPath, termPath, IVOA_RDF_BASE, type PageTarget } from './paths.js';
export { toDesise, writeDesise, DESISE_MEDIA_TYPE, type Desise, type DesiseTerm } from './desise-writer.js';
export { writeRdf, writesRdf, toJsonLd, prefixesFor, QuadsBySubject, type Prefixes } from './rdf-writer.js';
export {
  Representations,
  MACHINE_REPRESENTATIONS,
  type MachineFormat,
  type MachineRepresentation,
  type RepresentationSource,
  type Serialised,
} from './representations.js';
export { COMMUNITY_LABELS, DOWNLOADS, staticDownloadHref, thousands, type DownloadLink, type LinkStyle, type TermLink } from './page-links.js';
export { homeModel, type HomeModel } from './home-model.js';
export { vocabularyModel, termTree, type TreeNode, type VocabularyCuration, type VocabularyModel } from './vocabulary-model.js';
export {
  termModel,
  termPage,
  type MappingGroup,
  type MappingLinkView,
  type TermModel,
  type TermCuration,
  type TermModelInput,
  type TermPage,
  type TermPageSources,
} from './term-model.js';
export {
  asksSearch,
  highlight,
  searchModel,
  searchQueryOf,
  NO_SEARCH,
  SEARCH_STATUSES,
  type Highlighted,
  type SearchForm,
  type SearchModel,
  type SearchResult,
} from './search-model.js';
export { apiDocsView, type ApiDescription, type ApiDocsView } from './api-docs-view.js';
export { ucdPageModel, UCD_PAGE_SCRIPTS, UCD_TERM_PAGE, type UcdPageModel } from './ucd-page-model.js';
export { changeView, conflictView, fieldText, historyView, timeText, type ChangeView, type ConflictView, type FieldChangeView } from './change-view.js';
export {
  editorTermModel,
  editorVocabularyModel,
  editTermPath,
  editVocabularyPath,
  formValuesOf,
  freshForm,
  signInModel,
  EDIT_BASE,
  EMPTY_FORM,
  TERM_FORM_FIELDS,
  type EditorTermModel,
  type EditorUser,
  type EditorVocabularyModel,
  type FormState,
  type ProposalSummary,
  type SignInModel,
  type TermFormField,
  type TermFormValues,
} from './editor-model.js';
export { formatTermsCsvRow, type TermsCsvRowOptions } from './terms-csv-writer.js';
export { exportVocabsConfSection, type VocabsConfExportOptions } from './vocabs-conf-writer.js';
export {
  proposalFormModel,
  proposalPageModel,
  proposalPath,
  proposalSummary,
  EMPTY_PROPOSAL,
  PROPOSAL_FORM_FIELDS,
  type ProposalFacts,
  type ProposalFormField,
  type ProposalFormModel,
  type ProposalFormValues,
  type ProposalPageModel,
} from './proposal-model.js';
