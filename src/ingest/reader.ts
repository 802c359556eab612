import type { Quad, VocabularyMeta, Warning } from '../model/index.js';

/** One file handed to a reader: its bytes and the name to use in error messages. */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

/** What a reader gets: the files by role (e.g. `terms`, `config`), the vocabulary it builds and options from the catalogue. */
export interface ReaderInput {
  files: Readonly<Record<string, SourceFile>>;
  /** The catalogue's view of the vocabulary; readers fill in what their source says. */
  vocabulary: VocabularyMeta;
  options: Readonly<Record<string, string>>;
}

/** What a reader gives back: quads in `vocabulary.graph`, the metadata its source adds, and warnings. */
export interface ReadResult {
  quads: Quad[];
  vocabulary: VocabularyMeta;
  warnings: Warning[];
}

/** Readers are pure: bytes in, quads out; they throw IngestError on bad input. */
export type Reader = (input: ReaderInput) => ReadResult;

export function decodeUtf8(file: SourceFile): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(file.bytes).replace(/^\uFEFF/, '');
}
