import { AstrovocError } from '../model/index.js';
import { SETTINGS, type Setting, type SettingName } from './settings.js';

/** A setting that cannot be used; the message and the location name the option or variable it came from. */
export class ConfigError extends AstrovocError {
  constructor(
    readonly source: string,
    detail: string,
  ) {
    super('invalid-config', `${source}: ${detail}`, { location: { parameter: source } });
    this.name = 'ConfigError';
  }
}

/** Store options that do not fit together (an update endpoint without a query endpoint...). */
export class StoreOptionError extends ConfigError {
  constructor(source: string, detail: string) {
    super(source, detail);
    this.name = 'StoreOptionError';
  }
}

type Output<S> = S extends Setting<infer T> ? T : never;

/** Every setting, parsed and typed; frozen. */
export type Config = { readonly [K in SettingName]: Output<(typeof SETTINGS)[K]> };

/** The property commander gives an option (`--data-dir <dir>` → dataDir). */
export function optionKey(option: string): string {
  const flag = option.split(/[ ,]/)[0]!.replace(/^--/, '');
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The raw text of one setting and where it came from: its option over its variable (an empty variable is unset). */
function rawValue(setting: Setting<unknown>, env: Readonly<Record<string, string | undefined>>, options: Readonly<Record<string, unknown>>) {
  const option = setting.option ? options[optionKey(setting.option)] : undefined;
  if (option !== undefined) return { value: option, source: setting.option!.split(' ')[0]! };
  for (const name of [setting.env, ...(setting.envAliases ?? [])]) {
    const text = name ? env[name] : undefined;
    if (text === undefined || text === '') continue;
    const value = setting.split
      ? text
          .split(setting.split)
          .map((part) => part.trim())
          .filter(Boolean)
      : text;
    return { value, source: name! };
  }
  return { value: undefined, source: setting.env ?? setting.option ?? '' };
}

function parseSetting<T>(setting: Setting<T>, raw: { value: unknown; source: string }): T {
  const parsed = setting.schema.safeParse(raw.value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at: unknown = typeof issue.path[0] === 'number' && Array.isArray(raw.value) ? raw.value[issue.path[0]] : raw.value;
  throw new ConfigError(raw.source, `${issue.message}, not ${JSON.stringify(at)}`);
}

/**
 * The configuration: each setting from its command-line option, else its environment variable, else its
 * default, parsed by its schema. A bad value throws a ConfigError naming the option or variable.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = {}, options: Readonly<Record<string, unknown>> = {}): Config {
  const config: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  for (const [name, setting] of Object.entries(SETTINGS) as [SettingName, Setting<unknown>][]) {
    const raw = rawValue(setting, env, options);
    config[name] = parseSetting(setting, raw);
    sources[name] = raw.source;
  }
  const typed = config as Config;
  if (!typed.storeQuery) {
    const stray =
      (['storeUpdate', 'storeGraphStore'] as const).find((name) => typed[name] !== undefined) ?? (typed.storeHeaders.length > 0 ? 'storeHeaders' : undefined);
    if (stray)
      throw new StoreOptionError(
        sources[stray]!,
        'needs --store-query (or ASTROVOC_STORE_QUERY): --store-update, --store-graph-store and --store-header configure an external store',
      );
  }
  return Object.freeze(typed);
}

/** The headers of `storeHeaders` as a record (lower-case names). */
export function storeHeaderRecord(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
