import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh random 256-bit token, hex encoded (64 characters). */
export function createToken(): string {
  return randomBytes(32).toString('hex');
}

/** Compares a presented token with the expected one in constant time; false for absent. */
export function tokenMatches(expected: string, presented: string | null | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
