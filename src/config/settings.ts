import { z } from 'zod';

/** One setting: where it comes from (environment variable, command-line option), its default, and how its text is parsed. */
export interface Setting<T> {
  /** The environment variable (none for an option only the command line gives). */
  env?: string;
  /** Older names of the variable, still read. */
  envAliases?: readonly string[];
  /** The command-line option, as commander declares it. */
  option?: string;
  /** The default, as the README states it. */
  default: string;
  /** What it sets, in one line. */
  description: string;
  /** A list setting: how the environment variable's text is split (the option is repeated instead). */
  split?: ',' | '\n';
  schema: z.ZodType<T, unknown>;
}

const setting = <T>(definition: Setting<T>): Setting<T> => definition;

const positive = z.coerce
  .number({ error: 'expected a positive whole number' })
  .int('expected a positive whole number')
  .positive('expected a positive whole number');
const optionalPositive = positive.optional();
const PORT_RANGE = 'expected a port number (0 to 65535)';
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');
const path = z.string().min(1).optional();

/** A request header 'Name: value' (RFC 9110 §5.1 token for the name). */
const headerLine = z
  .string()
  .transform((line) => line.trim())
  .pipe(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+:\s*.*$/, "expected 'Name: value'"));

/**
 * Every setting of astrovoc. `loadConfig` reads each once, at start, from its option or else its variable;
 * the README's configuration table lists exactly the variables here (checked by a test).
 */
export const SETTINGS = {
  port: setting({
    env: 'PORT',
    option: '--port <port>',
    default: '8080',
    description: 'HTTP port',
    schema: z.coerce.number({ error: PORT_RANGE }).int(PORT_RANGE).min(0, PORT_RANGE).max(65535, PORT_RANGE).default(8080),
  }),
  host: setting({ option: '--host <host>', default: '0.0.0.0', description: 'address the server binds', schema: z.string().min(1).default('0.0.0.0') }),
  mirror: setting({
    env: 'ASTROVOC_MIRROR',
    option: '--from <dir>',
    default: 'none',
    description: 'mirror directory to read sources from instead of their URLs',
    schema: path,
  }),
  dataDir: setting({ env: 'ASTROVOC_DATA', option: '--data-dir <dir>', default: '`./data`', description: 'cache and snapshot directory', schema: path }),
  mappingsDir: setting({ env: 'ASTROVOC_MAPPINGS', default: '`./mappings`', description: 'the mapping sets folder', schema: path }),
  logLevel: setting({
    env: 'ASTROVOC_LOG_LEVEL',
    default: '`info`',
    description: 'pino log level; logs go to standard error as JSON lines',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  }),
  writeTokens: setting({
    env: 'ASTROVOC_WRITE_TOKENS',
    envAliases: ['ASTROVOC_WRITE_TOKEN'],
    default: 'none: every write is refused',
    description: 'comma-separated tokens of maintainers of every vocabulary (`name:secret` records `name` as the writer)',
    split: ',',
    schema: z.array(z.string()).default([]),
  }),
  tokenFile: setting({
    env: 'ASTROVOC_TOKEN_FILE',
    option: '--token-file <file>',
    default: '`<data>/tokens`',
    description: 'the token file: hashed write tokens, each with its owner, role and vocabularies (`astrovoc token add`)',
    schema: path,
  }),
  server: setting({
    env: 'ASTROVOC_SERVER',
    option: '--server <url>',
    default: '`http://localhost:8080`',
    description: 'the running astrovoc server that `astrovoc term` changes terms through',
    schema: httpUrl.default('http://localhost:8080'),
  }),
  token: setting({
    env: 'ASTROVOC_TOKEN',
    default: 'none',
    description: 'your token (`<name>.<secret>`) for `astrovoc term`',
    schema: z.string().min(1).optional(),
  }),
  storeQuery: setting({
    env: 'ASTROVOC_STORE_QUERY',
    option: '--store-query <url>',
    default: 'none: the embedded store',
    description: 'keep the dataset in this external SPARQL store: its query endpoint',
    schema: httpUrl.optional(),
  }),
  storeUpdate: setting({
    env: 'ASTROVOC_STORE_UPDATE',
    option: '--store-update <url>',
    default: 'the query endpoint',
    description: "the external store's update endpoint",
    schema: httpUrl.optional(),
  }),
  storeGraphStore: setting({
    env: 'ASTROVOC_STORE_GRAPH_STORE',
    option: '--store-graph-store <url>',
    default: 'none',
    description: "the external store's Graph Store Protocol endpoint",
    schema: httpUrl.optional(),
  }),
  storeHeaders: setting({
    env: 'ASTROVOC_STORE_HEADERS',
    option: '--store-header <header>',
    default: 'none',
    description: "request headers 'Name: value' for the external store, e.g. credentials (one per line; the option is repeatable)",
    split: '\n',
    schema: z.array(headerLine).default([]),
  }),
  sparqlTimeoutMs: setting({
    env: 'ASTROVOC_SPARQL_TIMEOUT_MS',
    option: '--query-timeout <ms>',
    default: '10000',
    description: 'time limit of one SPARQL query in ms; also the parse limit of uploaded RDF',
    schema: optionalPositive,
  }),
  sparqlMaxRows: setting({
    env: 'ASTROVOC_SPARQL_MAX_ROWS',
    option: '--max-rows <n>',
    default: '10000',
    description: 'most solutions a SELECT answers',
    schema: optionalPositive,
  }),
  sparqlWorkers: setting({
    env: 'ASTROVOC_SPARQL_WORKERS',
    option: '--query-workers <n>',
    default: 'cores',
    description: 'SPARQL worker threads',
    schema: optionalPositive,
  }),
  sparqlQueue: setting({
    env: 'ASTROVOC_SPARQL_QUEUE',
    default: '16 per worker',
    description: 'queries that may wait for a worker before a 503',
    schema: optionalPositive,
  }),
  sparqlPeers: setting({
    env: 'ASTROVOC_SPARQL_PEERS',
    option: '--peer <url...>',
    default: 'none',
    description: 'SPARQL endpoints a query may call in SERVICE (comma-separated; the option is repeatable)',
    split: ',',
    schema: z.array(z.string().regex(/^https?:\/\/[^\s]+$/, 'expected http(s) IRIs')).default([]),
  }),
  sparqlMaxDepth: setting({
    env: 'ASTROVOC_SPARQL_MAX_DEPTH',
    default: '100',
    description: 'deepest nesting of `{ ( [` in a query or update',
    schema: optionalPositive,
  }),
  sparqlMaxGroups: setting({
    env: 'ASTROVOC_SPARQL_MAX_GROUPS',
    default: '256',
    description: 'most `{ }` groups in a query or update (a long UNION chain is refused with a 400)',
    schema: optionalPositive,
  }),
  sparqlMaxUpdateQuads: setting({
    env: 'ASTROVOC_SPARQL_MAX_UPDATE_QUADS',
    default: '1000000',
    description: 'most quads one update may add (413 past it)',
    schema: optionalPositive,
  }),
  shutdownTimeoutMs: setting({
    env: 'ASTROVOC_SHUTDOWN_TIMEOUT_MS',
    option: '--shutdown-timeout <ms>',
    default: '10000',
    description: 'on SIGTERM/SIGINT, how long requests under way may take before they are cut',
    schema: positive.default(10_000),
  }),
} as const;

export type SettingName = keyof typeof SETTINGS;
