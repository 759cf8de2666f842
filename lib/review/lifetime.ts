/**
 * Token lifetimes as Vault applies them, for the access report and diff: a TTL that is not set
 * (or 0) is Vault's default, which is long; one known only at apply time cannot be compared.
 */
import { formatSeconds, type Ttl } from '../analysis/ttl';
import { VAULT_DEFAULT_TTL } from '../vault/ttl-limits';

export type Lifetime =
  | { readonly kind: 'set'; readonly seconds: number }
  /** Not set, or 0: Vault's default for the field applies. */
  | { readonly kind: 'default'; readonly seconds: number }
  /** Computed at apply time (a variable, a function call) or not a duration. */
  | { readonly kind: 'unknown'; readonly text: string };

export { VAULT_DEFAULT_TTL };

export function lifetimeOf(ttl: Ttl, vaultDefault: number): Lifetime {
  switch (ttl.kind) {
    case 'seconds':
      return ttl.seconds > 0 ? { kind: 'set', seconds: ttl.seconds } : { kind: 'default', seconds: vaultDefault };
    case 'unset':
      return { kind: 'default', seconds: vaultDefault };
    case 'computed':
    case 'invalid':
      return { kind: 'unknown', text: ttl.text };
  }
}

/** `15m`, `24h (Vault default)`, `unknown (${var.ttl})`. */
export function formatLifetime(l: Lifetime): string {
  switch (l.kind) {
    case 'set':
      return formatSeconds(l.seconds);
    case 'default':
      return `${formatSeconds(l.seconds)} (Vault default)`;
    case 'unknown':
      return `unknown (${l.text})`;
  }
}

/**
 * How `after` compares with `before`. A lifetime that becomes unknown counts as longer (nothing
 * bounds it before apply), one that becomes known as shorter; two unknown ones with different
 * text are `different`.
 */
export function compareLifetimes(before: Lifetime, after: Lifetime): 'longer' | 'shorter' | 'same' | 'different' {
  if (before.kind === 'unknown' || after.kind === 'unknown') {
    if (before.kind === 'unknown' && after.kind === 'unknown') return before.text === after.text ? 'same' : 'different';
    return after.kind === 'unknown' ? 'longer' : 'shorter';
  }
  if (after.seconds > before.seconds) return 'longer';
  if (after.seconds < before.seconds) return 'shorter';
  return before.kind === after.kind ? 'same' : 'different';
}
