/**
 * What makes two grants "the same grant" across two versions of a stack: the Vault names they
 * concern. Everything else about a grant (capabilities, claims, TTLs, which policy grants it)
 * is compared as a change of that grant (access-diff.ts).
 */
import type { AccessGrant, GrantKind } from './access-report-types';
import { GRANT_KINDS } from './access-report-types';
import { compareStrings } from '../vault/order';

/** Identity of a grant within one principal and kind. */
export function grantKey(g: AccessGrant): string {
  switch (g.kind) {
    case 'login':
      return g.role;
    case 'registration':
      return g.registration;
    case 'member-of':
      return g.group;
    case 'policy':
      return g.policy;
    case 'vault-path':
      return g.path;
    case 'client-credentials':
    case 'sign-in':
      return g.client;
    case 'identity-token':
      return g.role;
    case 'introspect':
      return '';
    case 'token-exchange':
      return `${g.mount}/token/${g.role}`;
    case 'scope':
      return `${g.scope}\u0000${g.as}\u0000${g.client}\u0000${g.provider}`;
    case 'acts-for':
      return `${g.subjectId}\u0000${g.via}`;
    case 'may-act':
      return `${g.actor}\u0000${g.actorClient}\u0000${g.via}`;
  }
}

/** The Vault name a grant is about, as a reviewer reads it (the `grant` field of a diff change). */
export function grantName(g: AccessGrant): string {
  switch (g.kind) {
    case 'introspect':
      return 'identity/oidc/introspect';
    case 'scope':
      return g.scope;
    case 'acts-for':
      return g.subject;
    case 'may-act':
      return g.actor;
    default:
      return grantKey(g);
  }
}

const KIND_ORDER = new Map<GrantKind, number>(GRANT_KINDS.map((k, i) => [k, i]));

export function compareGrants(a: AccessGrant, b: AccessGrant): number {
  return KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || compareStrings(grantKey(a), grantKey(b));
}

/**
 * `grants` sorted as `sort(compareGrants)` sorts them (stably), each grant's key computed once;
 * `keys`, when given, are the grants' keys (grantKey) in the same order.
 */
export function sortGrants<T extends AccessGrant>(grants: readonly T[], keys?: readonly string[]): T[] {
  return grants
    .map((grant, i) => ({ grant, rank: KIND_ORDER.get(grant.kind)!, key: keys ? keys[i]! : grantKey(grant) }))
    .sort((a, b) => a.rank - b.rank || compareStrings(a.key, b.key))
    .map((e) => e.grant);
}
