/**
 * A throwaway Debian Virtuoso 7 (`virtuoso-opensource-7-bin`) on loopback, for the optional Virtuoso test
 * and bench/sparql. Nothing in CI depends on it.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VIRTUOSO = '/usr/bin/virtuoso-t';
const ISQL = '/usr/bin/isql-vt';

export interface Virtuoso {
  endpoint: string;
  stop: () => void;
}

export const virtuosoInstalled = (): boolean => existsSync(VIRTUOSO) && existsSync(ISQL);

/**
 * Starts Virtuoso in a temporary folder, then runs `isql` statements once it answers: `nquads` are
 * bulk-loaded (ld_dir + rdf_loader_run), `allowUpdates` lets the anonymous SPARQL user write.
 */
export async function startVirtuoso(options: { nquads?: string; allowUpdates?: boolean } = {}): Promise<Virtuoso> {
  if (!virtuosoInstalled()) throw new Error(`Virtuoso is not installed (${VIRTUOSO}): apt-get install virtuoso-opensource-7-bin`);
  const dir = mkdtempSync(join(tmpdir(), 'astrovoc-virtuoso-'));
  const sqlPort = 20000 + Math.floor(Math.random() * 10000);
  const httpPort = sqlPort + 1;
  writeFileSync(
    join(dir, 'virtuoso.ini'),
    `[Database]\nDatabaseFile = ${dir}/v.db\nErrorLogFile = ${dir}/v.log\nLockFile = ${dir}/v.lck\nTransactionFile = ${dir}/v.trx\nxa_persistent_file = ${dir}/v.pxa\n` +
      `[TempDatabase]\nDatabaseFile = ${dir}/v-temp.db\nTransactionFile = ${dir}/v-temp.trx\n` +
      `[Parameters]\nServerPort = 127.0.0.1:${sqlPort}\nDirsAllowed = ., ${dir}\nNumberOfBuffers = 170000\nMaxDirtyBuffers = 130000\n` +
      `[HTTPServer]\nServerPort = 127.0.0.1:${httpPort}\nServerRoot = ${dir}\nMaxClientConnections = 8\n` +
      `[SPARQL]\nResultSetMaxRows = 1000000\nMaxQueryExecutionTime = 120\nMaxQueryCostEstimationTime = 0\n`,
  );
  const statements: string[] = [];
  if (options.nquads !== undefined) {
    writeFileSync(join(dir, 'data.nq'), options.nquads);
    statements.push(`ld_dir('${dir}', 'data.nq', 'urn:astrovoc:unused'); rdf_loader_run(); checkpoint;`);
  }
  if (options.allowUpdates) statements.push(`GRANT SPARQL_UPDATE TO "SPARQL"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);`);
  const proc = spawn(VIRTUOSO, ['-f', '-c', join(dir, 'virtuoso.ini')], { cwd: dir, stdio: 'ignore' });
  const stop = () => {
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  // isql fails until the server listens: retry for up to ~30 s.
  for (let attempt = 0; ; attempt += 1) {
    try {
      execFileSync(ISQL, [String(sqlPort), 'dba', 'dba', `exec=${statements.join(' ') || 'status();'}`], { stdio: 'ignore', timeout: 120_000 });
      break;
    } catch (error) {
      if (attempt > 60) {
        stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  return { endpoint: `http://127.0.0.1:${httpPort}/sparql`, stop };
}
