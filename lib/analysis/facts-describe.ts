/** Principals of the access facts (facts-types.ts) in words, for findings and diffs. */

export function describePrincipal(key: string): string {
  const i = key.indexOf(':');
  const kind = i < 0 ? key : key.slice(0, i);
  const name = i < 0 ? '' : key.slice(i + 1);
  switch (kind) {
    case 'entity':
      return `entity "${name}"`;
    case 'entity-id':
      return `the entity with id ${name} (not defined in the stack)`;
    case 'group':
      return `group "${name}"`;
    case 'group-id':
      return `the group with id ${name} (not defined in the stack)`;
    case 'login': {
      const j = name.indexOf(':');
      return `a login on mount "${name.slice(0, j)}" as ${name.slice(j + 1)}`;
    }
    case 'oidc-client':
      return `OIDC client "${name}" (whoever holds its secret, and the users who sign in through it)`;
    case 'identity-token-role':
      return `identity-token role "${name}" (whoever may mint its tokens)`;
    case 'key':
      return `key "${name}"`;
    case 'exchange-role':
      return `exchange role "${name}" (whoever may exchange with it)`;
    case 'exchange-engine':
      return `the token exchange at "${name}"`;
    case 'profile':
      return `resource-server profile "${name}"`;
    case 'auth-mount':
      return `auth mount "${name}"`;
    case 'stack':
      return 'the stack';
    default:
      return key;
  }
}

/** What it means for a principal of this kind to exist where it was not meant to. */
export function describePrincipalKind(kind: string): string {
  switch (kind) {
    case 'login':
      return 'is a credential that can log in';
    case 'entity':
      return 'is an identity entity';
    case 'group':
      return 'is an identity group';
    case 'oidc-client':
      return 'gets tokens from an OIDC provider';
    case 'identity-token-role':
      return 'is an identity-token role';
    case 'key':
      return 'is a signing key';
    case 'exchange-role':
      return 'is a token-exchange role';
    case 'exchange-engine':
      return 'is a token-exchange engine';
    case 'profile':
      return "is a resource-server profile: Vault accepts its issuer's tokens";
    case 'auth-mount':
      return 'is an auth mount configured in the stack';
    default:
      return 'exists';
  }
}
