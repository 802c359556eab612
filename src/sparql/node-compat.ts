/**
 * @comunica/query-sparql 5 loads undici 8, which needs Node >= 22.19 (package.json engines) and at load time
 * calls two functions Node 20 lacks: zlib.createZstdDecompress (only used for a zstd-encoded response) and
 * worker_threads.markAsUncloneable (a hint for structured clone). astrovoc targets Node 20, so they are
 * filled in before Comunica loads. Comunica's own HTTP client is not used: FederatedQueryRunner hands it
 * Node's fetch through the query context. Remove this file once the project moves to Node 22.
 */
import zlib from 'node:zlib';
import workerThreads from 'node:worker_threads';

const zlibModule = zlib as unknown as Record<string, unknown>;
if (typeof zlibModule.createZstdDecompress !== 'function') {
  zlibModule.createZstdDecompress = () => {
    throw new Error('zstd content-encoding needs Node 22');
  };
}
const threads = workerThreads as unknown as Record<string, unknown>;
if (typeof threads.markAsUncloneable !== 'function') threads.markAsUncloneable = () => undefined;
