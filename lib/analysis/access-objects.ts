/**
 * What a Vault request path means for access, in words: credentials (reading a client's secret,
 * minting a role's identity tokens), and access objects. Writing an access object is that
 * access (issue #9, item 2): whoever may update an entity, group, alias, login role, policy,
 * provider, assignment, scope, token role, key, exchange role or auth mount can grant itself
 * whatever that object can grant. Source: research notes A5 (Vault's identity.mdx note and
 * identity_store_oidc*.go), A3 (AppRole), the provider's registry paths (G).
 */
import type { Capability } from '../vault/capabilities';

const WRITE: readonly Capability[] = ['create', 'update', 'patch'];

interface Meaning {
  readonly path: RegExp;
  /** Capabilities that give the meaning (any of them). */
  readonly capabilities: readonly Capability[];
  /** `$1`… are the path's groups. */
  readonly text: string;
  /** Writing it lets the holder grant itself more: always an escalation of privilege. */
  readonly administers?: true;
}

const MEANINGS: readonly Meaning[] = [
  { path: /^identity\/oidc\/client\/([^/]+)$/, capabilities: ['read'], text: 'reads the id and secret of OIDC client "$1" (acts as that client)' },
  { path: /^identity\/oidc\/token\/([^/]+)$/, capabilities: ['read'], text: 'mints identity tokens of role "$1"' },
  { path: /^identity\/oidc\/introspect$/, capabilities: ['update'], text: 'verifies identity tokens (introspection)' },
  { path: /^identity\/oidc\/provider\/([^/]+)\/authorize$/, capabilities: ['read', 'update'], text: 'starts sign-ins at OIDC provider "$1"' },
  { path: /^identity\/entity-alias(\/.*)?$/, capabilities: WRITE, administers: true, text: 'writes entity aliases: binds a login to any entity, so it can log in as a more privileged one' },
  { path: /^identity\/entity(\/.*)?$/, capabilities: WRITE, administers: true, text: 'writes entities: attaches any policy to an entity (its own included), so it can grant itself any access' },
  { path: /^identity\/group-alias(\/.*)?$/, capabilities: WRITE, administers: true, text: 'writes group aliases: maps IdP groups to any group' },
  { path: /^identity\/group(\/.*)?$/, capabilities: WRITE, administers: true, text: "writes groups: changes a group's policies and members, so it can add itself to any group" },
  { path: /^identity\/oidc\/assignment(\/.*)?$/, capabilities: WRITE, administers: true, text: 'writes OIDC assignments: changes who may sign in through the clients using them' },
  { path: /^identity\/oidc\/client(\/.*)?$/, capabilities: WRITE, administers: true, text: "writes OIDC clients: changes a client's redirect URIs (to steal authorization codes) and assignments" },
  { path: /^identity\/oidc\/provider(\/[^/]*)?$/, capabilities: WRITE, administers: true, text: 'writes OIDC providers: changes which clients a provider admits and which scopes it offers' },
  { path: /^identity\/oidc\/scope(\/.*)?$/, capabilities: WRITE, administers: true, text: 'writes OIDC scopes: changes the claims scopes put in tokens' },
  { path: /^identity\/oidc\/role(\/.*)?$/, capabilities: WRITE, administers: true, text: 'writes identity-token roles: changes the claims and audience of identity tokens' },
  { path: /^identity\/oidc\/key(\/[^/]*)?$/, capabilities: WRITE, administers: true, text: 'writes OIDC keys: changes which clients and roles a key signs for' },
  { path: /^auth\/([^/]+(?:\/[^/]+)*?)\/role(\/.*)?$/, capabilities: WRITE, administers: true, text: 'writes login roles of auth mount "$1": changes their policies and bindings, so it can log in with any policy' },
  { path: /^auth\/([^/]+(?:\/[^/]+)*?)\/(config|users|groups|certs|role-id|map)(\/.*)?$/, capabilities: WRITE, administers: true, text: 'configures auth mount "$1": changes whose credentials it trusts' },
  { path: /^auth\/token\/(create|roles)(\/.*)?$/, capabilities: WRITE, administers: true, text: 'creates tokens or token roles' },
  { path: /^sys\/(policy|policies\/acl)(\/.*)?$/, capabilities: WRITE, administers: true, text: 'rewrites policies (the default policy included)' },
  { path: /^sys\/auth(\/.*)?$/, capabilities: WRITE, administers: true, text: 'enables and tunes auth methods (new ways to log in)' },
  { path: /^sys\/mounts(\/.*)?$/, capabilities: WRITE, administers: true, text: 'mounts and tunes secrets engines' },
  { path: /^sys\/config\/oauth-resource-server(\/.*)?$/, capabilities: WRITE, administers: true, text: "changes which external issuers' tokens Vault accepts" },
  { path: /^(sys\/)?agent-registry(\/.*)?$/, capabilities: WRITE, administers: true, text: 'registers agents and changes their ceilings' },
];

export interface PathMeaning {
  readonly text: string;
  readonly administers: boolean;
}

/**
 * What `capabilities` on `path` let the holder do, when the path is one the access model knows;
 * `exchangeMounts` are the token-exchange engines of the stack.
 */
export function meaningOf(path: string, capabilities: readonly Capability[], exchangeMounts: ReadonlySet<string> = new Set()): PathMeaning | undefined {
  for (const m of MEANINGS) {
    const match = m.path.exec(path);
    if (!match || !capabilities.some((c) => m.capabilities.includes(c))) continue;
    return { text: m.text.replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? ''), administers: m.administers === true };
  }
  for (const mount of exchangeMounts) {
    if (!path.startsWith(`${mount}/`)) continue;
    const rest = path.slice(mount.length + 1);
    const token = /^token\/([^/]+)$/.exec(rest);
    if (token && capabilities.some((c) => c === 'create' || c === 'update')) return { text: `exchanges users' ID tokens for delegated tokens with exchange role "${token[1]}"`, administers: false };
    if (/^(role|config|key)(\/.*)?$/.test(rest) && capabilities.some((c) => WRITE.includes(c))) {
      return { text: `configures the token exchange at "${mount}": changes who may exchange whose tokens and what delegated tokens carry`, administers: true };
    }
  }
  return undefined;
}
