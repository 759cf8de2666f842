/**
 * The SHA-256 of a text, in hex: the short stable tags of names, keys and digests. Node's crypto
 * module is loaded on the first digest, not with every module that may compute one: most runs
 * of `vault-a2a check` compute none, and loading it costs about 10 ms of start-up.
 */
import type * as crypto from 'crypto';

let loaded: typeof crypto | undefined;

export function sha256Hex(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('crypto') as typeof crypto;
  return loaded.createHash('sha256').update(text).digest('hex');
}
