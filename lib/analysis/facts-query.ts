/**
 * Questions other rules ask of the access facts (facts-types.ts), answered from the fact keys so
 * that every rule and the intent comparison read delegation the same way (issue #9, items 1 and 5).
 */
import type { AccessFacts } from './facts-types';
import { compareStrings, uniqueSorted } from '../vault/order';

export interface ExchangeGrant {
  readonly mount: string;
  readonly role: string;
  /** Entity names whose ID tokens the role accepts; `'*'` when anyone's (an unbound issuer or audience, allow_all). */
  readonly users: readonly string[] | '*';
  /** Scopes its delegated tokens carry (`context`). */
  readonly scopes: readonly string[];
}

/** Every exchange role: whose subject tokens it accepts and the scopes it yields, sorted by mount and role. */
export function exchangeGrants(facts: AccessFacts): ExchangeGrant[] {
  const out: ExchangeGrant[] = [];
  for (const p of facts.principals.values()) {
    if (p.kind !== 'exchange-role') continue;
    const keys = [...p.facts.keys()];
    const users = keys.filter((k) => k.startsWith('accepts-user:')).map((k) => k.slice('accepts-user:'.length));
    const slash = p.name.lastIndexOf('/');
    out.push({
      mount: p.name.slice(0, slash),
      role: p.name.slice(slash + 1),
      users: users.includes('*') ? '*' : uniqueSorted(users),
      scopes: uniqueSorted(keys.filter((k) => k.startsWith('context:')).map((k) => k.slice('context:'.length))),
    });
  }
  return out.sort((a, b) => compareStrings(a.mount, b.mount) || compareStrings(a.role, b.role));
}

/** Scopes `entity` can obtain by signing in: every scope the providers of every client it may sign in through offer. */
export function signInScopes(facts: AccessFacts, entity: string): string[] {
  const p = facts.principals.get(`entity:${entity}`);
  if (!p) return [];
  const scopes: string[] = [];
  for (const key of p.facts.keys()) {
    if (!key.startsWith('sign-in:')) continue;
    const client = facts.principals.get(`oidc-client:${key.slice('sign-in:'.length)}`);
    for (const k of client?.facts.keys() ?? []) if (k.startsWith('scope:')) scopes.push(k.slice('scope:'.length));
  }
  return uniqueSorted(scopes);
}
