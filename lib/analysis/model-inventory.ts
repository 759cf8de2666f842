/**
 * Fail closed (issue #9, item 3): every block of a stack is exactly one of
 * - modelled: a type the model reads, every argument known to it and every value evaluable;
 * - inert: a type known not to change anybody's access (each with the reason why below);
 * - unreadable: anything else, reported by A2A-MODEL-UNREADABLE and carried in the access
 *   facts (so `diff --fail-on-escalation` fails when one is added or changed).
 *
 * Nothing is skipped silently: an unknown resource type or data source, an unknown argument of
 * a modelled type, a value the resolver cannot evaluate (`${join(...)}`, `${var.x}`, a data
 * source's attribute), `count`/`for_each`/`provider`/provisioners, a resource-level
 * `namespace`, a duplicate Vault name, a `vault_generic_endpoint` write that is not a modelled
 * token-exchange configuration, a child module: each is one finding naming the block and why.
 */
import { sha256Hex } from '../vault/digest';
import { parseRef, parseTemplate } from './expressions';
import { isObject, Json, JsonObject, METADATA_KEY } from './json';
import type { StackModel, Unreadable } from './model';
import type { Block } from './references';
import type { SynthesizedStack } from './stack';
import { organizationOf } from './organization-stacks';
import { literalOf } from './expressions';
import { compareStrings } from '../vault/order';
import { own } from '../vault/own';

// Tables are read with `own` (lib/vault/own.ts): a plain lookup would also find what every
// object inherits (`constructor`, `toString`): a block of type `toString` would pass as inert and
// an argument `constructor` as read, which fails open.

/** `read`: the model evaluates it; `inert`: it cannot change anybody's access. */
type ArgUse = 'read' | 'inert';

const TOKEN_FIELDS: Record<string, ArgUse> = {
  token_policies: 'read',
  policies: 'read',
  token_ttl: 'read',
  token_max_ttl: 'read',
  token_explicit_max_ttl: 'read',
  token_period: 'read',
  token_num_uses: 'read',
  token_bound_cidrs: 'read',
  token_no_default_policy: 'read',
  // service or batch: batch tokens can do less (no renewal, no children), never more.
  token_type: 'inert',
  alias_metadata: 'read',
};

/**
 * Arguments of every modelled resource type. The provider's `id` is computed; `namespace` is
 * handled on its own (one namespace is modelled). Descriptions and owners say who and why, not
 * what is allowed.
 */
export const MODELLED_RESOURCES: Readonly<Record<string, Readonly<Record<string, ArgUse>>>> = {
  vault_policy: { name: 'read', policy: 'read' },
  vault_identity_entity: { name: 'read', policies: 'read', disabled: 'read', metadata: 'read', external_policies: 'read' },
  vault_identity_entity_alias: { name: 'read', mount_accessor: 'read', canonical_id: 'read', custom_metadata: 'read' },
  // `exclusive` removes policies or members the resource does not list: it can take away, never add.
  vault_identity_entity_policies: { entity_id: 'read', policies: 'read', exclusive: 'inert' },
  vault_identity_group: {
    name: 'read',
    type: 'read',
    policies: 'read',
    member_entity_ids: 'read',
    member_group_ids: 'read',
    metadata: 'read',
    external_policies: 'read',
    external_member_entity_ids: 'read',
    external_member_group_ids: 'read',
  },
  vault_identity_group_alias: { name: 'read', mount_accessor: 'read', canonical_id: 'read' },
  vault_identity_group_policies: { group_id: 'read', policies: 'read', exclusive: 'inert' },
  vault_identity_group_member_entity_ids: { group_id: 'read', member_entity_ids: 'read', exclusive: 'inert' },
  vault_identity_group_member_group_ids: { group_id: 'read', member_group_ids: 'read', exclusive: 'inert' },
  vault_identity_oidc_client: {
    name: 'read',
    key: 'read',
    assignments: 'read',
    redirect_uris: 'read',
    client_type: 'read',
    id_token_ttl: 'read',
    access_token_ttl: 'read',
  },
  vault_identity_oidc_provider: { name: 'read', allowed_client_ids: 'read', scopes_supported: 'read', https_enabled: 'read', issuer_host: 'read' },
  vault_identity_oidc_scope: { name: 'read', template: 'read', description: 'inert' },
  vault_identity_oidc_assignment: { name: 'read', entity_ids: 'read', group_ids: 'read' },
  vault_identity_oidc_role: { name: 'read', key: 'read', template: 'read', ttl: 'read', client_id: 'read' },
  // The signing algorithm decides how tokens are signed, not who gets them.
  vault_identity_oidc_key: { name: 'read', allowed_client_ids: 'read', rotation_period: 'read', verification_ttl: 'read', algorithm: 'inert' },
  vault_identity_oidc_key_allowed_client_id: { key_name: 'read', allowed_client_id: 'read' },
  vault_kubernetes_auth_backend_role: {
    ...TOKEN_FIELDS,
    backend: 'read',
    role_name: 'read',
    bound_service_account_names: 'read',
    bound_service_account_namespaces: 'read',
    bound_service_account_namespace_selector: 'read',
    alias_name_source: 'read',
    audience: 'read',
  },
  vault_jwt_auth_backend_role: {
    ...TOKEN_FIELDS,
    backend: 'read',
    role_name: 'read',
    role_type: 'read',
    bound_subject: 'read',
    bound_audiences: 'read',
    bound_claims: 'read',
    bound_claims_type: 'read',
    disable_bound_claims_parsing: 'read',
    user_claim: 'read',
    user_claim_json_pointer: 'read',
    groups_claim: 'read',
    claim_mappings: 'read',
    clock_skew_leeway: 'read',
    expiration_leeway: 'read',
    not_before_leeway: 'read',
    allowed_redirect_uris: 'read',
    // Browser-flow settings: which scopes Vault asks the IdP for, how old a login may be, logging.
    oidc_scopes: 'inert',
    max_age: 'inert',
    verbose_oidc_logging: 'inert',
  },
  vault_approle_auth_backend_role: {
    ...TOKEN_FIELDS,
    backend: 'read',
    role_name: 'read',
    role_id: 'read',
    bind_secret_id: 'read',
    secret_id_bound_cidrs: 'read',
    secret_id_num_uses: 'read',
    secret_id_ttl: 'read',
  },
  vault_cert_auth_backend_role: {
    ...TOKEN_FIELDS,
    backend: 'read',
    name: 'read',
    certificate: 'read',
    allowed_common_names: 'read',
    allowed_uri_sans: 'read',
    allowed_dns_sans: 'read',
    allowed_email_sans: 'read',
    allowed_names: 'read',
    allowed_organizational_units: 'read',
    required_extensions: 'read',
    // Revocation checks and the display name can refuse a certificate or label a token, never admit one.
    display_name: 'inert',
    ocsp_enabled: 'inert',
    ocsp_ca_certificates: 'inert',
    ocsp_servers_override: 'inert',
    ocsp_fail_open: 'inert',
    ocsp_query_all_servers: 'inert',
  },
  vault_agent_registration: {
    display_name: 'read',
    entity_id: 'read',
    ceiling_policies: 'read',
    no_default_ceiling_policy: 'read',
    optional_authorization_details: 'read',
    owner: 'inert',
    description: 'inert',
  },
  vault_oauth_resource_server_config_profile: {
    profile_name: 'read',
    issuer_id: 'read',
    use_jwks: 'read',
    jwks_uri: 'read',
    jwks_ca_pem: 'read',
    public_keys: 'read',
    audiences: 'read',
    supported_algorithms: 'read',
    clock_skew_leeway: 'read',
    user_claim: 'read',
    jwt_type: 'read',
    enabled: 'read',
    no_default_policy: 'read',
    optional_authorization_details: 'read',
  },
  // The audit trail (model AuditDevice / AuditRequestHeader, rules A2A-AUDIT-*): what is logged
  // and whether secrets are hashed. `local` only says whether the device is replicated.
  vault_audit: { type: 'read', path: 'read', options: 'read', local: 'inert', description: 'inert' },
  vault_audit_request_header: { name: 'read', hmac: 'read' },
  // Terraform's built-in resource: it holds values (an OIDC client's generation, which the client
  // names in lifecycle.replace_triggered_by) and writes nothing to Vault.
  terraform_data: { triggers_replace: 'inert', input: 'inert' },
  // Only token-exchange engine writes are modelled (see model-exchange.ts); others are unreadable.
  vault_generic_endpoint: { path: 'read', data_json: 'read', disable_delete: 'inert', disable_read: 'inert', ignore_absent_fields: 'inert', write_fields: 'inert' },
  // Auth mount configuration: whose credentials a mount trusts. Read as written (MountConfig).
  vault_jwt_auth_backend: {
    path: 'read',
    type: 'read',
    oidc_discovery_url: 'read',
    oidc_discovery_ca_pem: 'read',
    oidc_client_id: 'read',
    oidc_client_secret: 'read',
    oidc_response_mode: 'read',
    oidc_response_types: 'read',
    jwks_url: 'read',
    jwks_ca_pem: 'read',
    jwks_pairs: 'read',
    jwt_validation_pubkeys: 'read',
    jwt_supported_algs: 'read',
    bound_issuer: 'read',
    default_role: 'read',
    provider_config: 'read',
    namespace_in_state: 'read',
    local: 'inert',
    description: 'inert',
    tune: 'read',
    disable_remount: 'inert',
  },
  vault_kubernetes_auth_backend_config: {
    backend: 'read',
    kubernetes_host: 'read',
    kubernetes_ca_cert: 'read',
    token_reviewer_jwt: 'read',
    pem_keys: 'read',
    issuer: 'read',
    disable_iss_validation: 'read',
    disable_local_ca_jwt: 'read',
    use_annotations_as_alias_metadata: 'read',
  },
};

/**
 * Types that cannot change who may do what in Vault. Mounts: enabling a secrets engine or an
 * auth method grants nobody anything (access comes from policies and roles, which are modelled);
 * the identity-token issuer URL changes the `iss` of tokens, not who can mint them.
 */
const INERT_RESOURCES: Readonly<Record<string, string>> = {
  vault_mount: 'a secrets engine mount grants nobody access by itself (policies do)',
  vault_auth_backend: 'an auth mount lets nobody in by itself (its roles or users do)',
  vault_identity_oidc: 'the identity-token issuer URL changes `iss`, not who may mint tokens',
};

/** Data sources the model reads (or that only look up what the model reads by name). */
const MODELLED_DATA: Readonly<Record<string, Readonly<Record<string, ArgUse>>>> = {
  // Mount accessor lookup: the mount is named by its path.
  vault_auth_backend: { path: 'read' },
  // Read into the policy that uses it (model-build.ts).
  vault_policy_document: { rule: 'read' },
  // By name only: the entity or group of that name, in this stack or outside it.
  vault_identity_entity: { entity_name: 'read' },
  vault_identity_group: { group_name: 'read' },
};

/** Top-level keys of a Terraform JSON document and what they are. */
const TOP_LEVEL: Readonly<Record<string, 'read' | 'inert' | 'unreadable'>> = {
  resource: 'read',
  data: 'read',
  output: 'inert',
  provider: 'read',
  terraform: 'inert',
  // Inputs and intermediate values: inert by themselves; a modelled argument using one is unreadable.
  variable: 'inert',
  locals: 'inert',
  // Adopting an existing object or renaming an address changes no configuration.
  import: 'inert',
  moved: 'inert',
  check: 'inert',
  module: 'unreadable',
  removed: 'unreadable',
};

/**
 * Resource types Vault configures from the root namespace only (cluster-wide settings that grant
 * nobody access): a stack with a namespace writes them through an aliased provider without one.
 */
const ROOT_NAMESPACE_TYPES: ReadonlySet<string> = new Set(['vault_audit', 'vault_audit_request_header']);

/**
 * Aliases of the vault provider that are the stack's own Vault seen from the root namespace: the
 * same literal address as the default provider, and nothing else (no namespace, no other login
 * or identity). Only those may write ROOT_NAMESPACE_TYPES without making the block unreadable.
 */
function rootNamespaceAliases(doc: JsonObject): Set<string> {
  const out = new Set<string>();
  const providers = isObject(doc.provider) ? doc.provider.vault : undefined;
  const blocks = (Array.isArray(providers) ? providers : providers === undefined ? [] : [providers]).filter(isObject);
  const main = blocks.filter((b) => b.alias === undefined);
  if (main.length !== 1) return out;
  const address = literalOf(main[0]!.address);
  if (address === undefined) return out;
  for (const b of blocks) {
    if (typeof b.alias !== 'string') continue;
    const keys = Object.keys(b).filter((k) => k !== METADATA_KEY);
    if (keys.every((k) => k === 'alias' || k === 'address') && literalOf(b.address) === address) out.add(b.alias);
  }
  return out;
}

/** Meta-arguments every block may carry, and which of them the model refuses. */
const META_UNREADABLE: Readonly<Record<string, string>> = {
  count: 'count makes how many objects exist depend on an expression',
  for_each: 'for_each makes which objects exist depend on an expression',
  provider: 'a provider alias may point at another Vault, namespace or identity',
  provisioner: 'a provisioner runs commands that may write to Vault',
  connection: 'a connection serves provisioners, which may write to Vault',
  dynamic: 'a dynamic block makes arguments depend on an expression',
};
// depends_on orders writes (it never makes a duplicate safe); lifecycle changes when Terraform
// replaces an object, not what the configuration grants, except ignore_changes (see
// ignoredAccessArguments).
const META_INERT = new Set(['depends_on', 'lifecycle', METADATA_KEY, 'id']);

/**
 * Computed attributes a modelled argument may refer to: ids and accessors Vault generates.
 * Everything else a reference could stand for (a variable, a data source's output, a function
 * call) the model cannot evaluate.
 */
const READABLE_REFERENCES: readonly [RegExp, string][] = [
  [/^vault_identity_entity\.[^.]+$/, 'id'],
  [/^vault_identity_group\.[^.]+$/, 'id'],
  [/^vault_identity_oidc_client\.[^.]+$/, 'client_id'],
  [/^vault_identity_oidc_role\.[^.]+$/, 'client_id'],
  [/^vault_identity_oidc_provider\.[^.]+$/, 'issuer'],
  [/^data\.vault_auth_backend\.[^.]+$/, 'accessor'],
  [/^vault_auth_backend\.[^.]+$/, 'accessor'],
  [/^vault_jwt_auth_backend\.[^.]+$/, 'accessor'],
  [/^vault_approle_auth_backend_role\.[^.]+$/, 'role_id'],
  [/^data\.vault_identity_entity\.[^.]+$/, 'id'],
  [/^data\.vault_identity_group\.[^.]+$/, 'id'],
  [/^data\.vault_policy_document\.[^.]+$/, 'hcl'],
];

function readableReference(address: string, attribute: readonly string[]): boolean {
  if (attribute.length !== 1) return false;
  return READABLE_REFERENCES.some(([type, attr]) => type.test(address) && attr === attribute[0]);
}

/** Canonical JSON (sorted keys) for keys and digests. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((k) => k !== METADATA_KEY)
      .sort(compareStrings)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function digest(text: string): string {
  return sha256Hex(text).slice(0, 16);
}

/**
 * How the model treats a block type (`vault_policy`, `data.vault_auth_backend`): read argument by
 * argument, inert, or unreadable as a whole (every change to it is an unreadable fact).
 */
export function blockTypeUse(type: string): 'modelled' | 'inert' | 'unreadable' {
  if (type.startsWith('data.')) {
    const t = type.slice('data.'.length);
    return own(MODELLED_DATA, t) !== undefined ? 'modelled' : t === 'terraform_remote_state' ? 'inert' : 'unreadable';
  }
  return own(MODELLED_RESOURCES, type) !== undefined ? 'modelled' : own(INERT_RESOURCES, type) !== undefined ? 'inert' : 'unreadable';
}

export class Inventory {
  readonly unreadable: Unreadable[] = [];
  private readonly seen = new Set<string>();

  add(address: string, type: string, what: string, reason: string, config: Json | (() => Json)): void {
    const key = `unreadable:${type}:${what}:${digest(canonicalJson(typeof config === 'function' ? config() : config))}`;
    const dedupe = `${address}\u0000${what}`;
    if (this.seen.has(dedupe)) return;
    this.seen.add(dedupe);
    this.unreadable.push({ address, what, reason, key });
  }

  sorted(): Unreadable[] {
    return [...this.unreadable].sort((a, b) => compareStrings(a.address, b.address) || compareStrings(a.what, b.what));
  }
}

/** Why a value cannot be evaluated, or undefined when every interpolation in it is a readable reference. */
export function unevaluable(value: Json | undefined, blocks: ReadonlyMap<string, Block>): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (!value.includes('${') && !value.includes('%{')) return undefined;
    return unevaluableTemplate(value, blocks);
  }
  if (Array.isArray(value)) {
    for (const v of value) {
      const why = unevaluable(v, blocks);
      if (why) return why;
    }
    return undefined;
  }
  if (isObject(value)) {
    for (const k of Object.keys(value)) {
      if (k === METADATA_KEY) continue;
      if (k.includes('${')) return `the computed key ${k}`;
      const why = unevaluable(value[k], blocks);
      if (why) return why;
    }
  }
  return undefined;
}

/**
 * The answer of unevaluableTemplate by template, per stack's blocks: a stack repeats the same
 * references (every alias names the same mount accessor) and the answer depends only on the
 * template and which blocks exist.
 */
const templateVerdicts = new WeakMap<ReadonlyMap<string, Block>, Map<string, string | null>>();

function unevaluableTemplate(value: string, blocks: ReadonlyMap<string, Block>): string | undefined {
  let verdicts = templateVerdicts.get(blocks);
  if (!verdicts) templateVerdicts.set(blocks, (verdicts = new Map()));
  const known = verdicts.get(value);
  if (known !== undefined) return known ?? undefined;
  let why: string | undefined;
  for (const part of parseTemplate(value)) {
    if (part.kind === 'text') continue;
    if (part.kind === 'directive') {
      why = `the template directive %{${part.expression}}`;
      break;
    }
    // Only a plain traversal (`type.name.attr`) is a reference; anything else is an expression.
    const ref = parseRef(part.expression);
    if (!ref) why = `the expression \${${part.expression}}`;
    else if (!blocks.has(ref.address)) why = `\${${part.expression}}, a reference to a block this stack does not have`;
    else if (!readableReference(ref.address, ref.attribute)) why = `\${${part.expression}}, which is only known after apply`;
    if (why) break;
  }
  verdicts.set(value, why ?? null);
  return why;
}

function configWithoutMetadata(config: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(config).filter(([k]) => k !== METADATA_KEY));
}

/** The Vault object a block writes, for duplicate detection (undefined: not one of a kind). */
function vaultIdentity(block: Block): string | undefined {
  const c = block.resolved;
  const text = (key: string) => literalOf(c[key]);
  const lower = (v: string | undefined) => (v === undefined ? undefined : v.trim().toLowerCase());
  const named = (kind: string, v: string | undefined) => (v === undefined ? undefined : `${kind}:${v}`);
  if (block.mode !== 'resource') return undefined;
  switch (block.type) {
    case 'vault_policy':
      // Vault stores a policy under its trimmed, lower-cased name: "Admin" and "admin" are one policy.
      return named('policy', lower(text('name')));
    case 'vault_identity_entity':
      return named('entity', text('name'));
    case 'vault_identity_group':
      return named('group', text('name'));
    case 'vault_identity_oidc_client':
    case 'vault_identity_oidc_provider':
    case 'vault_identity_oidc_scope':
    case 'vault_identity_oidc_assignment':
    case 'vault_identity_oidc_role':
    case 'vault_identity_oidc_key':
      return named(block.type, text('name'));
    case 'vault_identity_entity_alias':
    case 'vault_identity_group_alias': {
      const accessor = typeof c.mount_accessor === 'string' ? c.mount_accessor : undefined;
      const name = typeof c.name === 'string' ? c.name : undefined;
      return accessor && name ? `alias:${accessor}:${name}` : undefined;
    }
    case 'vault_kubernetes_auth_backend_role':
    case 'vault_jwt_auth_backend_role':
    case 'vault_approle_auth_backend_role': {
      const defaults: Record<string, string> = { vault_kubernetes_auth_backend_role: 'kubernetes', vault_jwt_auth_backend_role: 'jwt', vault_approle_auth_backend_role: 'approle' };
      const backend = (text('backend') ?? defaults[block.type]!).replace(/^\/+|\/+$/g, '');
      const role = text('role_name');
      return role === undefined ? undefined : `login-role:${backend}/${role}`;
    }
    case 'vault_agent_registration':
      return named('registration', text('display_name'));
    case 'vault_oauth_resource_server_config_profile':
      return named('profile', text('profile_name'));
    case 'vault_generic_endpoint': {
      const path = typeof c.path === 'string' ? c.path.replace(/^\/+|\/+$/g, '') : undefined;
      return named('path', path);
    }
    case 'vault_mount':
      return named('mount', text('path')?.replace(/^\/+|\/+$/g, ''));
    case 'vault_auth_backend':
    case 'vault_jwt_auth_backend':
      return named('auth-mount', (text('path') ?? text('type') ?? (block.type === 'vault_jwt_auth_backend' ? 'jwt' : undefined))?.replace(/^\/+|\/+$/g, ''));
    default:
      return undefined;
  }
}

/**
 * Classifies every block and top-level key of `stack`. `generic` says which
 * `vault_generic_endpoint` addresses the exchange reader modelled (model-exchange.ts); every
 * other generic endpoint is unreadable.
 */
export function inventory(stack: SynthesizedStack, modelledGenericEndpoints: ReadonlySet<string>): { unreadable: Unreadable[]; lookups: Record<string, { kind: 'entity' | 'group'; name: string }> } {
  const inv = new Inventory();
  const lookups: Record<string, { kind: 'entity' | 'group'; name: string }> = {};
  const doc = stack.document;
  for (const key of Object.keys(doc).sort(compareStrings)) {
    if (key === METADATA_KEY) continue;
    const use = own(TOP_LEVEL, key);
    if (use === undefined || use === 'unreadable') {
      inv.add(key, key, 'top-level block', `a top-level "${key}" block ${key === 'module' ? 'brings in a child module, whose resources the model does not read' : key === 'removed' ? 'takes objects out of the configuration without destroying them: they keep granting what they granted' : 'is not a Terraform JSON block the model knows'}`, doc[key] ?? null);
    }
  }
  const identities = new Map<string, string[]>();
  const rootAliases = rootNamespaceAliases(doc);
  for (const block of stack.blocks.values()) {
    classifyBlock(block, stack.blocks, inv, modelledGenericEndpoints, lookups, rootAliases);
    const identity = vaultIdentity(block);
    if (identity === undefined) continue;
    const writers = identities.get(identity);
    if (writers) writers.push(block.address);
    else identities.set(identity, [block.address]);
  }
  for (const [identity, addresses] of identities) {
    if (addresses.length < 2) continue;
    for (const address of addresses) {
      const block = stack.blocks.get(address)!;
      const others = addresses.filter((a) => a !== address);
      inv.add(
        address,
        block.type,
        'duplicate name',
        `${describeIdentity(identity)} is also written by ${others.join(', ')}: Terraform applies both and the last write wins (depends_on only orders them), so what Vault holds depends on apply order`,
        configWithoutMetadata(block.config),
      );
    }
  }
  return { unreadable: inv.sorted(), lookups };
}

/**
 * Vault objects that more than one stack of one organization (the shared stack `<org>` and its
 * team stacks `<org>.<…>`, docs/organization.md) write into the same Vault: stacks with the same
 * provider configuration (address and namespace). Each stack is applied from its own state and
 * overwrites what another wrote (a policy of another team's name replaces that team's policy), so
 * what Vault holds depends on which state was applied last, and no single stack shows it.
 * Returned by stack: an unreadable entry per block involved, naming the other stacks' blocks.
 * Stacks of different namespaces never collide; stacks that are not an organization's are
 * independent configurations (alternative scenarios, environments) and are not compared.
 */
export function crossStackDuplicates(stacks: readonly SynthesizedStack[]): Map<SynthesizedStack, Unreadable[]> {
  const names = new Set(stacks.map((s) => s.name));
  const writers = new Map<string, { stack: SynthesizedStack; block: Block }[]>();
  for (const stack of stacks) {
    const org = organizationOf(stack.name, names);
    if (org === undefined) continue;
    const provider = `${org}\u0000${JSON.stringify(stack.document.provider ?? null)}`;
    for (const block of stack.blocks.values()) {
      // A block on a provider alias writes elsewhere; the stack's own check already reports it.
      if (block.config.provider !== undefined) continue;
      const identity = vaultIdentity(block);
      if (identity === undefined) continue;
      const key = `${provider}\u0000${identity}`;
      writers.set(key, [...(writers.get(key) ?? []), { stack, block }]);
    }
  }
  const out = new Map<SynthesizedStack, Unreadable[]>();
  for (const [key, all] of writers) {
    if (new Set(all.map((w) => w.stack)).size < 2) continue;
    const identity = key.slice(key.indexOf('\u0000') + 1);
    for (const { stack, block } of all) {
      const others = all.filter((w) => w.stack !== stack).map((w) => `${w.block.address} in stack ${w.stack.name}`);
      if (others.length === 0) continue;
      const inv = new Inventory();
      inv.add(
        block.address,
        block.type,
        'duplicate name across stacks',
        `${describeIdentity(identity)} is also written by ${others.join(', ')}, applied to the same Vault from another state: the last apply wins, so what Vault holds depends on the order the stacks are applied`,
        configWithoutMetadata(block.config),
      );
      out.set(stack, [...(out.get(stack) ?? []), ...inv.unreadable]);
    }
  }
  return out;
}

/** `model` with `extra` unreadable entries (from crossStackDuplicates) added, sorted as inventory sorts. */
export function withUnreadable(model: StackModel, extra: readonly Unreadable[]): StackModel {
  if (extra.length === 0) return model;
  const unreadable = [...(model.unreadable ?? []), ...extra].sort((a, b) => compareStrings(a.address, b.address) || compareStrings(a.what, b.what));
  return { ...model, unreadable };
}

function describeIdentity(identity: string): string {
  const i = identity.indexOf(':');
  const kind = identity.slice(0, i).replace(/^vault_identity_oidc_/, 'OIDC ');
  return `the Vault ${kind} ${JSON.stringify(identity.slice(i + 1))}`;
}

function classifyBlock(
  block: Block,
  blocks: ReadonlyMap<string, Block>,
  inv: Inventory,
  generic: ReadonlySet<string>,
  lookups: Record<string, { kind: 'entity' | 'group'; name: string }>,
  rootAliases: ReadonlySet<string>,
): void {
  const config = () => configWithoutMetadata(block.config);
  const add = (what: string, reason: string) => inv.add(block.address, block.type, what, reason, config);
  // The block's own keys against the table (a block has a few keys, the table six); the order
  // of what is added does not matter, Inventory sorts.
  for (const meta of Object.keys(block.config)) {
    const reason = own(META_UNREADABLE, meta);
    if (reason === undefined) continue;
    const value = block.config[meta];
    // `provider = "vault"` names the default provider; only an alias (`vault.other`) is another Vault.
    if (meta === 'provider' && typeof value === 'string' && !value.includes('.')) continue;
    // A cluster-wide setting written from the root namespace of the stack's own Vault.
    if (meta === 'provider' && typeof value === 'string' && ROOT_NAMESPACE_TYPES.has(block.type) && rootAliases.has(/^vault\.([\w-]+)$/.exec(value)?.[1] ?? '')) continue;
    add(meta, reason);
  }
  if (block.mode === 'data') {
    const spec = own(MODELLED_DATA, block.type);
    if (!spec) {
      if (block.type === 'terraform_remote_state') return; // values from another stack: a modelled argument using one is unreadable
      add('data source', `the data source type ${block.type} is not modelled: a lookup can bring in identities or secrets the stack does not show`);
      return;
    }
    checkArguments(block, spec, blocks, add);
    if (block.type === 'vault_identity_entity' || block.type === 'vault_identity_group') {
      const key = block.type === 'vault_identity_entity' ? 'entity_name' : 'group_name';
      const name = literalOf(block.resolved[key]);
      const other = Object.keys(block.config).filter((k) => k !== key && k !== 'namespace' && !META_INERT.has(k));
      if (name === undefined || other.length > 0) add('lookup', `only a lookup by a literal ${key} is modelled (found ${[key, ...other].filter((k) => block.config[k] !== undefined).join(', ') || 'no selector'})`);
      else lookups[block.address] = { kind: block.type === 'vault_identity_entity' ? 'entity' : 'group', name };
    }
    return;
  }
  if (own(INERT_RESOURCES, block.type) !== undefined) {
    if (block.config.namespace !== undefined) add('namespace', 'a resource-level namespace puts the object in another namespace, which the model does not read');
    return;
  }
  const spec = own(MODELLED_RESOURCES, block.type);
  if (!spec) {
    add('resource type', `the resource type ${block.type} is not modelled: what it lets whom do in Vault cannot be evaluated`);
    return;
  }
  if (block.type === 'vault_generic_endpoint' && !generic.has(block.address)) {
    const path = literalOf(block.resolved.path) ?? String(block.resolved.path ?? '');
    add('path', `the write to "${path}" is not a token-exchange role, config or key the model reads (a generic write can create login roles, groups, policies or anything else)`);
    return;
  }
  checkArguments(block, spec, blocks, add);
}

/**
 * The access-bearing arguments a resource's `lifecycle.ignore_changes` names (`all` names every
 * one). Terraform then keeps whatever value Vault holds for them, set by hand or by another tool,
 * so the configuration the model reads no longer states that access.
 */
function ignoredAccessArguments(block: Block, spec: Readonly<Record<string, ArgUse>>): string[] {
  const lifecycle = block.config.lifecycle;
  if (!isObject(lifecycle)) return [];
  const ignored = lifecycle.ignore_changes;
  if (ignored === undefined) return [];
  const read = Object.keys(spec).filter((arg) => own(spec, arg) === 'read');
  if (ignored === 'all') return read;
  // Anything but a list of literal names (an expression) may name any argument.
  if (!Array.isArray(ignored) || !ignored.every((a) => typeof a === 'string')) return read;
  // A nested path (`policy[0]`, `data_json.x`) ignores part of its top-level argument.
  return [...new Set((ignored as string[]).map((a) => a.split(/[.[]/)[0]!))].filter((arg) => own(spec, arg) === 'read');
}

function checkArguments(block: Block, spec: Readonly<Record<string, ArgUse>>, blocks: ReadonlyMap<string, Block>, add: (what: string, reason: string) => void): void {
  const ignored = ignoredAccessArguments(block, spec);
  if (ignored.length > 0) {
    add(
      'lifecycle.ignore_changes',
      `ignore_changes covers ${ignored.join(', ')}: Terraform keeps whatever Vault holds for ${ignored.length === 1 ? 'it' : 'them'}, so the stack no longer states that access`,
    );
  }
  for (const arg of Object.keys(block.config)) {
    const value = block.config[arg]!;
    if (META_INERT.has(arg) || own(META_UNREADABLE, arg) !== undefined) continue;
    if (arg === 'namespace') {
      add('namespace', `namespace ${JSON.stringify(value)}: the object lives in another namespace than the stack's provider, which the model does not read`);
      continue;
    }
    const use = own(spec, arg);
    if (use === undefined) {
      add(`argument ${arg}`, `the argument ${arg} of ${block.type} is not read by the model`);
      continue;
    }
    if (use === 'inert') continue;
    const why = unevaluable(block.resolved[arg], blocks);
    if (why) add(`argument ${arg}`, `${arg} is ${why}, which the model cannot evaluate`);
  }
}
