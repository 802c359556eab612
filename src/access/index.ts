export * from './principal.js';
export { requireRole } from './require-role.js';
export { hashSecret, verifySecret, parseSecretHash, SCRYPT_COST, type SecretHash } from './secret-hash.js';
export { parseTokenFile, formatTokenLine, TOKEN_NAME, TOKEN_FILE_HEADER, type TokenEntry } from './token-file.js';
export { TokenRegistry } from './token-registry.js';
