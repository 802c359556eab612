import cliProgress from 'cli-progress';
import type { SyncProgress } from './sync.js';

export interface ProgressBar {
  /** Pass as `onProgress` to sync. */
  update: (progress: SyncProgress) => void;
  stop: () => void;
}

/** A terminal progress bar for sync on `stream` (stderr by default); callers create it only when the stream is a TTY. */
export function createProgressBar(stream: NodeJS.WritableStream = process.stderr): ProgressBar {
  const bar = new cliProgress.SingleBar(
    { stream, format: 'sync [{bar}] {value}/{total} {file}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (progress) => {
      const payload = { file: progress.file ? `${progress.file.mirror} (${progress.file.status})` : '' };
      if (!started) {
        bar.start(progress.total, progress.done, payload);
        started = true;
      } else {
        bar.update(progress.done, payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
