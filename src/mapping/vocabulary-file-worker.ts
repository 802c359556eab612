// A disposable worker that reads one uploaded vocabulary file (parseUntrustedVocabulary): the parse, and
// the per-term bounds, run here under a time and heap limit, so a runaway costs this thread only.
import { serveOneTask } from '../sandbox/index.js';
import { parseVocabulary, type FileVocabulary, type VocabularyBytes } from './vocabulary-file.js';

serveOneTask((input: VocabularyBytes): FileVocabulary => parseVocabulary({ ...input, bounded: true }));
