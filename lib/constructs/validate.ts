/**
 * Prop checks shared by the constructs. Every construct validates its props in its constructor
 * and throws one `InvalidPropsError` listing all problems, so a user fixes everything in one go
 * instead of one error per synth.
 *
 * Values that are CDKTF tokens (references such as `${vault_identity_oidc_client.x.client_id}`)
 * are unknown until apply; checks skip them, because a reference can only name an object Vault
 * generated, never the literal `*`.
 */
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { VAULT_NAME_PATTERN } from '../vault/names';
import { DEFAULT_TOKEN_TTL_SECONDS, MAX_TTL_SECONDS } from '../vault/ttl-limits';

export { DEFAULT_TOKEN_TTL_SECONDS, VAULT_NAME_PATTERN };

/** Thrown by a construct whose props are unsafe or malformed; lists every problem found. */
export class InvalidPropsError extends Error {
  constructor(
    readonly constructPath: string,
    readonly issues: readonly string[],
  ) {
    super(`${constructPath}: invalid props:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'InvalidPropsError';
  }
}

/** Collects issues for one construct; `throwIfAny` raises them together. */
export class Issues {
  private readonly list: string[] = [];

  add(issue: string): void {
    this.list.push(issue);
  }

  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  forEach(visit: (issue: string) => void): void {
    this.list.forEach(visit);
  }

  /** Throws for `construct` (called right after `super`, so the path names the construct). */
  throwIfAny(construct: IConstruct): void {
    if (this.list.length > 0) throw new InvalidPropsError(construct.node.path, this.list);
  }
}

export function isToken(value: string): boolean {
  return Token.isUnresolved(value);
}

export function checkVaultName(issues: Issues, field: string, value: string): void {
  if (isToken(value)) return;
  if (!VAULT_NAME_PATTERN.test(value)) {
    issues.add(
      `${field} ${JSON.stringify(value)} is not a valid Vault name: use letters, digits, "_", "-" and "." (not first or last); no "/", ":" or "*"`,
    );
  }
}

/** Refuses names of objects Vault ships built in, which a resource would replace or break. */
export function checkNotReserved(
  issues: Issues,
  field: string,
  value: string,
  reserved: readonly string[],
  why = 'is a built-in Vault object',
): void {
  if (reserved.includes(value)) issues.add(`${field} ${JSON.stringify(value)} ${why}; choose another name`);
}

/**
 * Refuses a literal that would match more than one thing. Used for client ids, bindings and
 * other values where Vault reads `*` (or a glob) as "everyone".
 */
export function checkNoWildcard(issues: Issues, field: string, value: string): void {
  if (isToken(value)) return;
  if (value.trim() === '') {
    issues.add(`${field} is empty; give the exact value`);
  } else if (value.includes('*')) {
    issues.add(`${field} ${JSON.stringify(value)} contains "*", which Vault reads as a wildcard; list exact values instead`);
  }
}

export function checkTtl(issues: Issues, field: string, seconds: number, max: number = MAX_TTL_SECONDS): void {
  if (!Number.isInteger(seconds) || seconds <= 0) {
    issues.add(`${field} must be a positive whole number of seconds, got ${seconds}`);
  } else if (seconds > max) {
    issues.add(`${field} is ${seconds}s; at most ${max}s is allowed for a short-lived credential`);
  }
}

/** A reason attached to an explicit widening: required, one readable line. */
export function checkReason(issues: Issues, field: string, reason: string): void {
  if (reason.trim() === '') issues.add(`${field} must say why the widening is needed`);
  // eslint-disable-next-line no-control-regex
  else if (/[\u0000-\u001f\u007f]/.test(reason)) issues.add(`${field} must be one line of text (no control characters)`);
}

export function checkNonEmpty<T>(issues: Issues, field: string, values: readonly T[], fix: string): void {
  if (values.length === 0) issues.add(`${field} is empty; ${fix}`);
}

export function checkUnique(issues: Issues, field: string, values: readonly string[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    if (isToken(v)) continue;
    if (seen.has(v)) issues.add(`${field} lists ${JSON.stringify(v)} twice`);
    seen.add(v);
  }
}
