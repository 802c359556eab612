export { spawnWorker, type SpawnOptions } from './worker-script.js';
export { runDisposable, type DisposableTaskOptions } from './disposable-task.js';
export { SandboxError, type SandboxErrorCode } from './sandbox-error.js';
export { serialiseError, type TaskReply, type SerialisedError } from './task-protocol.js';
export { serveOneTask, workerInput, isWebAssemblyTrap } from './worker-side.js';
