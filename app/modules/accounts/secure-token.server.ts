import { generateRandomString, type RandomReader } from "@oslojs/crypto/random";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";

// @oslojs asks for a byte or two per character, and one getRandomValues call costs far more than the bytes it
// returns (a private link took ~40 calls). Bytes come from the CSPRNG 4 kB at a time instead, as Node's own
// randomUUID keeps its entropy, and each is wiped once handed out.
const pool = new Uint8Array(4096);
let used = pool.length;
const random: RandomReader = {
  read(bytes) {
    for (let i = 0; i < bytes.length; i++) {
      if (used === pool.length) {
        crypto.getRandomValues(pool);
        used = 0;
      }
      bytes[i] = pool[used];
      pool[used++] = 0;
    }
  },
};

// 32 unambiguous characters, so each one carries 5 bits.
const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

/** A random string with `bits` of entropy (rounded up to whole characters). */
export function generateSecureRandomString(bits = 130): string {
  return generateRandomString(random, alphabet, Math.ceil(bits / 5));
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  return constantTimeEqual(hashSecret(secret), new Uint8Array(storedHash));
}

/**
 * Lucia's token shape: `${id}.${secret}`. The id finds the row; only a hash of
 * the secret is stored, and it is compared in constant time.
 */
export function newToken(secretBits = 130): { id: string; secret: string; token: string; secretHash: Uint8Array } {
  const id = generateSecureRandomString(80);
  const secret = generateSecureRandomString(secretBits);
  return { id, secret, token: `${id}.${secret}`, secretHash: hashSecret(secret) };
}

export function splitToken(token: string): { id: string; secret: string } | null {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  if (parts[0].length > 64 || parts[1].length > 128) return null;
  return { id: parts[0], secret: parts[1] };
}
