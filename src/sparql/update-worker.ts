// A disposable worker for one SPARQL Update: parse and guard it (sparqljs), then run it on a scratch copy of
// the dataset (oxigraph) and answer the graphs it changed. A runaway or a trap costs this thread only.
import { serveOneTask } from '../sandbox/index.js';
import type { DatasetImage } from './dataset-image.js';
import { analyseRequest } from './request-analysis.js';
import { SparqlError } from './sparql-error.js';
import { graphsChangedByUpdate, type ChangedGraph } from './sparql-update.js';
import type { UpdateTargets } from './update-targets.js';

export interface UpdateTask {
  text: string;
  /** The dataset to run the update on (the query workers' image: no dump on the main thread). */
  image: DatasetImage;
  baseIri: string;
  maxAddedQuads: number;
}

export interface UpdateResult {
  targets: UpdateTargets;
  changed: ChangedGraph[];
}

serveOneTask((task: UpdateTask): UpdateResult => {
  const analysis = analyseRequest(task.text);
  if (analysis.kind !== 'update') throw new SparqlError('query-rejected', 'This is a query, not an update: send it as query=', { parameter: 'update' });
  if (analysis.services.length > 0) throw new SparqlError('service-refused', 'SERVICE is not allowed in an update', { iri: analysis.services[0]! });
  const named = analysis.targets.unknown ? undefined : analysis.targets.graphs;
  return { targets: analysis.targets, changed: graphsChangedByUpdate(task.image, task.text, task.baseIri, task.maxAddedQuads, named) };
});
