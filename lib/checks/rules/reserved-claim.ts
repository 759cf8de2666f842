import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

/** OpenID Connect claims Vault sets itself, and those the project keeps clear of. */
export const RESERVED_CLAIMS: readonly string[] = ['iss', 'sub', 'aud', 'iat', 'exp', 'nonce', 'auth_time', 'at_hash', 'c_hash', 'namespace'];

export const reservedClaim: Rule = {
  id: RULE_ID.RESERVED_CLAIM,
  statement: 'No scope or identity-token role template sets a reserved claim (iss, sub, aud, iat, exp, nonce, auth_time, at_hash, c_hash, namespace).',
  severity: 'error',
  explanation:
    'These claims identify the issuer, subject, audience and lifetime of a token. Vault refuses templates that set iss, sub, aud, iat or exp; overriding the others can confuse verifiers into accepting a token for the wrong subject, tenant or session.',
  fix: 'Rename the claim; grants go in their own claim named after the scope.',
  check({ model }) {
    const reserved = new Set(RESERVED_CLAIMS);
    const findings: RuleFinding[] = [];
    const templates = [
      ...model.scopes.map((s) => ({ what: 'scope', name: s.name, address: s.address, claims: s.claims })),
      ...model.roles.map((r) => ({ what: 'identity-token role', name: r.name, address: r.address, claims: r.claims })),
    ];
    for (const t of templates) {
      if (t.claims.kind !== 'claims') continue;
      const bad = t.claims.keys.filter((k) => reserved.has(k));
      if (bad.length > 0)
        findings.push({ resource: t.address, message: `${t.what} "${t.name}" sets reserved claim${bad.length > 1 ? 's' : ''} ${bad.map((k) => `"${k}"`).join(', ')}` });
    }
    return findings;
  },
};
