export { SETTINGS, type Setting, type SettingName } from './settings.js';
export { loadConfig, optionKey, storeHeaderRecord, ConfigError, StoreOptionError, type Config } from './load-config.js';
