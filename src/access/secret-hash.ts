/**
 * Token secrets are kept as scrypt hashes, `scrypt$N$r$p$<salt base64>$<key base64>`. node's `crypto.scrypt`
 * (callback form) runs in libuv's thread pool, so a verification never blocks the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The cost of a new hash: N=2^14, r=8, p=1 (about 16 MB and tens of milliseconds), a 16-byte salt, a 32-byte key. */
export const SCRYPT_COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

export interface SecretHash {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The parts of a hash, or a message saying what is wrong with it. */
export function parseSecretHash(text: string): SecretHash | string {
  const parts = text.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return 'expected scrypt$N$r$p$<salt base64>$<key base64>';
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^[1-9][0-9]{0,7}$/.test(part) ? Number(part) : NaN)) as [number, number, number];
  if (!(N >= 1024 && N <= 2 ** 20 && (N & (N - 1)) === 0)) return 'N must be a power of two from 1024 to 1048576';
  if (!(r >= 1 && r <= 32) || !(p >= 1 && p <= 16)) return 'r must be 1 to 32 and p 1 to 16';
  const [salt, key] = parts.slice(4).map((part) => (BASE64.test(part) ? Buffer.from(part, 'base64') : Buffer.alloc(0))) as [Buffer, Buffer];
  if (salt.length < 8) return 'the salt must be at least 8 bytes of base64';
  if (key.length < 16 || key.length > 64) return 'the key must be 16 to 64 bytes of base64';
  return { N, r, p, salt, key };
}

function derive(secret: string, salt: Buffer, length: number, cost: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128 * N * r * p bytes; node refuses anything over maxmem (32 MB by default).
  const maxmem = 256 * cost.N * cost.r * cost.p;
  return new Promise((resolve, reject) => scrypt(secret, salt, length, { ...cost, maxmem }, (error, key) => (error ? reject(error) : resolve(key))));
}

/** A new hash of `secret`, with a random salt. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(secret, salt, KEY_BYTES, SCRYPT_COST);
  return `scrypt$${SCRYPT_COST.N}$${SCRYPT_COST.r}$${SCRYPT_COST.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `secret` is the one hashed, compared in constant time. */
export async function verifySecret(secret: string, hash: SecretHash): Promise<boolean> {
  const key = await derive(secret, hash.salt, hash.key.length, { N: hash.N, r: hash.r, p: hash.p });
  return timingSafeEqual(key, hash.key);
}

/** A hash no secret is known to match: an unknown name is checked against it, so it costs what a known one does. */
export function decoyHash(): SecretHash {
  return { ...SCRYPT_COST, salt: randomBytes(SALT_BYTES), key: randomBytes(KEY_BYTES) };
}
