import type { Server } from 'node:http';

export interface ShutdownOptions {
  /** How long requests under way may take to finish before their connections are cut. */
  graceMs: number;
  /** Runs once no connection is left (closes the SPARQL pool and the like). */
  release: () => Promise<void>;
  log: (message: string) => void;
}

/** How often idle keep-alive connections are closed while requests drain. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops a server on SIGTERM or SIGINT: no new connections, idle keep-alive connections closed at once
 * (and as soon as each later request ends), requests under way allowed `graceMs` to finish, then every
 * connection left is cut, `release` runs, and the process exits 0. A second signal cuts at once.
 * (`server.close` alone waits for every connection: one slow client kept the process up.)
 */
export function stopOnSignals(server: Server, options: ShutdownOptions): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log(`${signal} again: cutting the connections left`);
      server.closeAllConnections();
      return;
    }
    stopping = true;
    options.log(`${signal}: no new connections; requests under way have ${options.graceMs} ms to finish`);
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const cut = setTimeout(() => {
      options.log(`requests still under way after ${options.graceMs} ms: cutting their connections`);
      server.closeAllConnections();
    }, options.graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(cut);
      // The release gets a bound of its own: a pool that does not close must not keep the process up.
      const hard = setTimeout(() => process.exit(0), options.graceMs);
      void options
        .release()
        .catch((error: unknown) => options.log(`while releasing: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          clearTimeout(hard);
          process.exit(0);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
