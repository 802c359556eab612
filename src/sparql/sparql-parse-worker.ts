// A disposable worker that parses and guards one request text (sparqljs), for a remote store, where no query
// worker of ours runs the request: the parse runs here, inside the request's time limit.
import { serveOneTask } from '../sandbox/index.js';
import { analyseRequest, type RequestAnalysis } from './request-analysis.js';

export interface ParseTask {
  text: string;
  maxRows?: number;
}

serveOneTask((task: ParseTask): RequestAnalysis => analyseRequest(task.text, task.maxRows));
