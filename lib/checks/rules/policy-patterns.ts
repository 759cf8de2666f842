/** Path shapes the policy rules look for, and iteration over parsed policy stanzas. */
import { ANY, PathShape, REST } from '../../analysis/acl';
import type { Policy } from '../../analysis/model';
import type { PolicyStanza } from '../../analysis/policy-document';
import type { StackModel } from '../../analysis/model';

/** Paths whose access reaches other principals' secrets, tokens or identity configuration. */
export const SENSITIVE_SHAPES: readonly { readonly shape: PathShape; readonly what: string }[] = [
  { shape: ['identity', 'oidc', 'client', ANY], what: 'OIDC client secrets (identity/oidc/client/<name>)' },
  { shape: ['identity', 'oidc', 'token', ANY], what: 'identity tokens (identity/oidc/token/<role>)' },
  { shape: ['identity', 'oidc', 'role', ANY], what: 'identity-token roles (identity/oidc/role/<name>)' },
  { shape: ['identity', 'oidc', 'key', ANY, REST], what: 'signing keys (identity/oidc/key/<name>)' },
  { shape: ['identity', 'oidc', 'provider', ANY], what: 'OIDC providers (identity/oidc/provider/<name>)' },
  { shape: ['identity', 'oidc', 'scope', ANY], what: 'OIDC scopes (identity/oidc/scope/<name>)' },
  { shape: ['identity', 'oidc', 'assignment', ANY], what: 'OIDC assignments (identity/oidc/assignment/<name>)' },
  { shape: ['identity', 'oidc', 'config'], what: 'the identity-token issuer (identity/oidc/config)' },
  { shape: ['identity', 'entity', REST], what: 'identity entities (identity/entity/...)' },
  { shape: ['identity', 'entity-alias', REST], what: 'entity aliases (identity/entity-alias/...)' },
  { shape: ['identity', 'group', REST], what: 'identity groups (identity/group/...)' },
  { shape: ['identity', 'group-alias', REST], what: 'group aliases (identity/group-alias/...)' },
  { shape: ['auth', ANY, 'role', ANY], what: 'login roles (auth/<mount>/role/<name>)' },
  { shape: ['auth', ANY, 'role', ANY, 'secret-id', REST], what: 'AppRole secret ids (auth/<mount>/role/<name>/secret-id)' },
  { shape: ['auth', ANY, 'role', ANY, 'role-id'], what: 'AppRole role ids (auth/<mount>/role/<name>/role-id)' },
];

export const SYS_SHAPE: PathShape = ['sys', REST];
export const TOKEN_CREATE_SHAPES: readonly PathShape[] = [
  ['auth', 'token', 'create', REST],
  ['auth', 'token', 'create-orphan'],
];

export interface PolicyStanzaRef {
  readonly policy: Policy;
  readonly stanza: PolicyStanza;
}

/** Every stanza of every policy that parsed, in policy-address order. */
export function stanzas(model: StackModel): PolicyStanzaRef[] {
  return model.policies.flatMap((policy) => (policy.parsed.ok ? policy.parsed.stanzas.map((stanza) => ({ policy, stanza })) : []));
}

/** A stanza that only denies grants nothing, so rules about granting skip it. */
export function grants(stanza: PolicyStanza): boolean {
  return stanza.capabilities.length > 0 && !stanza.capabilities.includes('deny');
}
