/** Worker module: one VOTable check per (disposable) worker; see votable-check-sandbox.ts. */
import { serveOneTask } from '../sandbox/index.js';
import { runVotableCheckTask } from './votable-check-task.js';

serveOneTask(runVotableCheckTask);
