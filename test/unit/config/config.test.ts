import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, SETTINGS, StoreOptionError } from '../../../src/config/index.js';
import { ERROR_KINDS } from '../../../src/model/index.js';
import { sparqlConfig } from '../../../src/sparql/index.js';
import { PROJECT_ROOT } from '../../support/mirror.js';

/** The rows of the README's configuration table: variable, option, default. */
function readmeRows(): { variable: string; option: string; default: string }[] {
  const readme = readFileSync(resolve(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration\n'), readme.indexOf('\n## ', readme.indexOf('## Configuration\n') + 1));
  return section
    .split('\n')
    .filter((line) => /^\| `[A-Z_]+` \|/.test(line))
    .map((line) => {
      const [variable, option, defaultText] = line.split(' | ').map((cell) => cell.replace(/^\| /, '').replaceAll('`', '').trim());
      return { variable: variable!, option: option!, default: defaultText! };
    });
}

describe('configuration', () => {
  test("the README's configuration table lists exactly the schema's variables, with their options and defaults", () => {
    const fromSchema = Object.values(SETTINGS)
      .filter((s) => s.env)
      .map((s) => ({ variable: s.env!, option: s.option?.split(' ')[0] ?? '', default: s.default.replaceAll('`', '') }));
    expect(readmeRows().sort((a, b) => a.variable.localeCompare(b.variable))).toEqual(fromSchema.sort((a, b) => a.variable.localeCompare(b.variable)));
  });

  test('an empty environment gives the defaults', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'info',
      writeTokens: [],
      sparqlPeers: [],
      storeHeaders: [],
      shutdownTimeoutMs: 10_000,
    });
    expect(config.dataDir).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
    expect(sparqlConfig({ timeoutMs: config.sparqlTimeoutMs, workers: config.sparqlWorkers })).toEqual(sparqlConfig());
  });

  test('an option wins over its variable; lists are split; the older ASTROVOC_WRITE_TOKEN is still read', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        ASTROVOC_SPARQL_MAX_ROWS: '50',
        ASTROVOC_SPARQL_PEERS: 'https://a.org/sparql, https://b.org/sparql',
        ASTROVOC_WRITE_TOKEN: 'alice:x,bob:y',
      },
      { port: '9001', peer: ['https://c.org/sparql'] },
    );
    expect(config).toMatchObject({ port: 9001, sparqlMaxRows: 50, sparqlPeers: ['https://c.org/sparql'], writeTokens: ['alice:x', 'bob:y'] });
    expect(loadConfig({ ASTROVOC_SPARQL_PEERS: 'https://a.org/sparql,https://b.org/sparql' }).sparqlPeers).toEqual([
      'https://a.org/sparql',
      'https://b.org/sparql',
    ]);
  });

  test('the queue follows the worker count unless it is given', () => {
    expect(sparqlConfig({ workers: 3 }).queueLimit).toBe(48);
    expect(sparqlConfig({ workers: 3, queueLimit: 5 }).queueLimit).toBe(5);
  });

  test.each([
    [{ ASTROVOC_SPARQL_WORKERS: 'many' }, {}, 'ASTROVOC_SPARQL_WORKERS', /^ASTROVOC_SPARQL_WORKERS: expected a positive whole number, not "many"/],
    [{}, { queryTimeout: '0' }, '--query-timeout', /^--query-timeout: expected a positive whole number/],
    [{ PORT: '70000' }, {}, 'PORT', /^PORT: expected a port number/],
    [{ ASTROVOC_LOG_LEVEL: 'loud' }, {}, 'ASTROVOC_LOG_LEVEL', /^ASTROVOC_LOG_LEVEL: /],
    [
      { ASTROVOC_SPARQL_PEERS: 'https://a.org/sparql,ftp://b.org' },
      {},
      'ASTROVOC_SPARQL_PEERS',
      /^ASTROVOC_SPARQL_PEERS: expected http\(s\) IRIs, not "ftp:\/\/b.org"/,
    ],
    [{}, { storeQuery: 'https://a.org/sparql', storeHeader: ['no colon here'] }, '--store-header', /^--store-header: /],
    [{ ASTROVOC_STORE_QUERY: 'ftp://a.org/sparql' }, {}, 'ASTROVOC_STORE_QUERY', /^ASTROVOC_STORE_QUERY: expected an http\(s\) URL/],
  ])('a bad value is a ConfigError (exit code 2) naming the variable or option (%j %j)', (env, options, source, message) => {
    let thrown: unknown;
    try {
      loadConfig(env, options);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.message).toMatch(message);
    expect(error.location?.parameter).toBe(source);
    expect(ERROR_KINDS[error.kind].exit).toBe(2);
  });

  test('store options without a query endpoint are a StoreOptionError naming the option', () => {
    expect(() => loadConfig({}, { storeUpdate: 'https://a.org/update' })).toThrow(StoreOptionError);
    expect(() => loadConfig({ ASTROVOC_STORE_HEADERS: 'Authorization: Bearer x' })).toThrow(/^ASTROVOC_STORE_HEADERS: needs --store-query/);
  });
});
