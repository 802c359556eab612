import { open } from 'node:fs/promises';

/** A new file or a rename is durable only once its folder is fsynced too. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
