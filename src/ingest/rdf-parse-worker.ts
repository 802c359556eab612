// A disposable worker that parses one untrusted RDF document (parseUntrustedRdf) and answers its quads as
// N-Quads text: a trap in oxigraph or a runaway parse costs this thread, never the service's store.
import N3 from 'n3';
import { serveOneTask } from '../sandbox/index.js';
import type { RdfFormatName } from '../model/index.js';
import { parseRdf } from './rdf-parse.js';

export interface RdfParseTask {
  text: string;
  format: RdfFormatName;
  file: string;
  baseIri: string;
}

serveOneTask(({ text, format, file, baseIri }: RdfParseTask): string => {
  const writer = new N3.Writer({ format: 'N-Quads' });
  return parseRdf(text, format, file, baseIri)
    .map((q) => writer.quadToString(q.subject as N3.Quad_Subject, q.predicate as N3.Quad_Predicate, q.object as N3.Quad_Object, q.graph as N3.Quad_Graph))
    .join('');
});
