/** Builds the typed StackModel from a resolved SynthesizedStack and its parsed policies. */
import { parseClaims } from './claims';
import { displayText, parseTemplate, soleRef } from './expressions';
import { isObject, Json, JsonObject } from './json';
import type {
  AgentRegistration,
  AuditDevice,
  AuditRequestHeader,
  Attachment,
  AuthMount,
  Entity,
  EntityAlias,
  Group,
  GroupAlias,
  KeyAllowedClient,
  MountConfig,
  LoginRole,
  OidcAssignment,
  OidcClient,
  OidcKey,
  OidcProvider,
  OidcRole,
  OidcScope,
  Output,
  Policy,
  StackModel,
  TerraformData,
} from './model';
import { readResourceServerProfiles, readVaultNamespace, readVaultProviderConstraint } from './model-registry';
import { looksLikeJson, PolicyParseResult, stanzasFromPolicyDocument } from './policy-document';
import { Block, findCycles } from './references';
import { readExchange } from './model-exchange';
import { canonicalJson, inventory } from './model-inventory';
import { blocksOfType, indexedByType, SynthesizedStack } from './stack';
import { parseTtl } from './ttl';
import { bool, idList, idValue, IdValue, str, stringList } from './values';
import { compareStrings } from '../vault/order';
import { setOwn } from '../vault/own';

/** A `vault_policy` document that needs the HCL parser, keyed by the policy's address. */
export interface PolicySource {
  readonly address: string;
  readonly name: string;
  readonly text: string;
}

const BUILTIN_KEY = 'default';

function nameOf(block: Block, key = 'name'): string {
  return str(block.resolved, key) ?? `<${block.address}.${key}>`;
}

/** The documents to parse: literal policy text (HCL or JSON), in address order. */
export function policySources(stack: SynthesizedStack): PolicySource[] {
  return blocksOfType(stack, 'vault_policy').flatMap((block): PolicySource[] => {
    const text = policyTextOf(block.resolved.policy);
    return text === undefined ? [] : [{ address: block.address, name: nameOf(block), text }];
  });
}

/**
 * The document text when it is written in the configuration (parts known only after apply are
 * shown as `<expr>`); undefined when the whole document is an expression (`file(...)`, a data
 * source), which cannot be checked before apply.
 */
function policyTextOf(raw: Json | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  if (!parseTemplate(raw).some((p) => p.kind === 'text' && p.text.trim() !== '')) return undefined;
  return displayText(raw);
}

export function buildModel(read: SynthesizedStack, parsed: ReadonlyMap<string, PolicyParseResult>): StackModel {
  const stack = indexedByType(read);
  const of = (type: string) => blocksOfType(stack, type);
  const exchange = readExchange(stack);
  const { unreadable, lookups } = inventory(stack, exchange.modelled);
  return {
    name: stack.name,
    ...(stack.file ? { file: stack.file } : {}),
    keys: of('vault_identity_oidc_key').map(readKey),
    keyAllowedClients: of('vault_identity_oidc_key_allowed_client_id').map(
      (b): KeyAllowedClient => ({ address: b.address, keyName: nameOf(b, 'key_name'), clientId: idValue(b.resolved.allowed_client_id ?? null) }),
    ),
    clients: of('vault_identity_oidc_client').map(readClient),
    terraformData: of('terraform_data').map(
      (b): TerraformData => ({
        address: b.address,
        ...(b.resolved.triggers_replace !== undefined ? { triggersReplace: b.resolved.triggers_replace } : {}),
        ...(b.resolved.input !== undefined ? { input: b.resolved.input } : {}),
      }),
    ),
    providers: of('vault_identity_oidc_provider').map(readProvider),
    scopes: of('vault_identity_oidc_scope').map(
      (b): OidcScope => ({ address: b.address, name: nameOf(b), ...templateOf(b), claims: parseClaims(b.resolved.template) }),
    ),
    assignments: of('vault_identity_oidc_assignment').map(
      (b): OidcAssignment => ({ address: b.address, name: nameOf(b), entityIds: idList(b.resolved, 'entity_ids').ids, groupIds: idList(b.resolved, 'group_ids').ids }),
    ),
    roles: of('vault_identity_oidc_role').map(
      (b): OidcRole => ({
        address: b.address,
        name: nameOf(b),
        key: str(b.resolved, 'key') ?? BUILTIN_KEY,
        ttl: parseTtl(b.resolved.ttl),
        ...templateOf(b),
        claims: parseClaims(b.resolved.template),
        ...(str(b.resolved, 'client_id') !== undefined ? { clientId: str(b.resolved, 'client_id')! } : {}),
      }),
    ),
    entities: of('vault_identity_entity').map(readEntity),
    aliases: of('vault_identity_entity_alias').map(
      (b): EntityAlias => ({
        address: b.address,
        name: idValue(b.resolved.name ?? null),
        mountAccessor: idValue(b.resolved.mount_accessor ?? null),
        canonicalId: idValue(b.resolved.canonical_id ?? null),
        ...stringMap(b.resolved, 'custom_metadata', 'customMetadata'),
      }),
    ),
    groups: of('vault_identity_group').map(readGroup),
    groupAliases: of('vault_identity_group_alias').map(
      (b): GroupAlias => ({
        address: b.address,
        name: nameOf(b),
        mountAccessor: idValue(b.resolved.mount_accessor ?? null),
        canonicalId: idValue(b.resolved.canonical_id ?? null),
      }),
    ),
    entityPolicies: of('vault_identity_entity_policies').map((b) => attachment(b, 'entity_id')),
    groupPolicies: of('vault_identity_group_policies').map((b) => attachment(b, 'group_id')),
    groupMembers: [...of('vault_identity_group_member_entity_ids'), ...of('vault_identity_group_member_group_ids')].map((b) => attachment(b, 'group_id')),
    policies: readPolicies(stack, parsed),
    mounts: readMounts(stack),
    loginRoles: readLoginRoles(stack),
    registrations: of('vault_agent_registration').map(
      (b): AgentRegistration => ({
        address: b.address,
        displayName: nameOf(b, 'display_name'),
        entityId: idValue(b.resolved.entity_id ?? null),
        ceilingPolicies: stringList(b.resolved, 'ceiling_policies').values,
        noDefaultCeilingPolicy: bool(b.resolved, 'no_default_ceiling_policy') ?? false,
        ...optionalBool(b.resolved, 'optional_authorization_details', 'optionalAuthorizationDetails'),
      }),
    ),
    resourceServerProfiles: readResourceServerProfiles(stack),
    ...readVaultProviderConstraint(stack),
    ...readVaultNamespace(stack),
    auditDevices: of('vault_audit').map(readAuditDevice),
    auditRequestHeaders: of('vault_audit_request_header').map(
      (b): AuditRequestHeader => ({ address: b.address, name: nameOf(b), hmac: bool(b.resolved, 'hmac') ?? false }),
    ),
    outputs: stack.outputs.map((o): Output => ({ address: o.address, name: o.name, value: o.value, sensitive: o.sensitive })),
    exchangeRoles: exchange.roles,
    exchangeEndpoints: exchange.endpoints,
    exchangeConfigs: exchange.configs,
    mountConfigs: readMountConfigs(stack),
    lookups,
    cycles: findCycles(stack.dependencies),
    unreadable,
  };
}

function stringMap(config: JsonObject, key: string, field: string): Record<string, Record<string, string>> {
  const raw = config[key];
  if (!isObject(raw)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') setOwn(out, k, String(v));
  return Object.keys(out).length > 0 ? { [field]: out } : {};
}

function num(config: JsonObject, key: string): number | undefined {
  const text = str(config, key);
  return text !== undefined && /^-?\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/** Auth mount configuration compared argument by argument (see MountConfig). */
function readMountConfigs(stack: SynthesizedStack): MountConfig[] {
  const out: MountConfig[] = [];
  const read = (b: Block, mountPath: string) => {
    const args: Record<string, string> = {};
    for (const [k, v] of Object.entries(b.resolved)) if (k !== 'description' && k !== 'local' && k !== 'disable_remount' && k !== 'depends_on' && k !== 'lifecycle') setOwn(args, k, canonicalJson(v));
    out.push({ address: b.address, type: b.type, mountPath: mountPath.replace(/^\/+|\/+$/g, ''), arguments: args });
  };
  for (const b of blocksOfType(stack, 'vault_jwt_auth_backend')) read(b, str(b.resolved, 'path') ?? str(b.resolved, 'type') ?? 'jwt');
  for (const b of blocksOfType(stack, 'vault_kubernetes_auth_backend_config')) read(b, str(b.resolved, 'backend') ?? 'kubernetes');
  return out.sort((a, b) => compareStrings(a.address, b.address));
}

function readAuditDevice(b: Block): AuditDevice {
  const type = str(b.resolved, 'type') ?? `<${b.address}.type>`;
  const options: Record<string, string> = {};
  const computedOptions: string[] = [];
  const raw = b.resolved.options;
  if (isObject(raw)) {
    for (const key of Object.keys(raw).sort(compareStrings)) {
      const value = raw[key];
      const text = typeof value === 'boolean' || typeof value === 'number' ? String(value) : str(raw, key);
      if (text === undefined) computedOptions.push(key);
      else setOwn(options, key, text);
    }
  } else if (raw !== undefined) computedOptions.push('*');
  return { address: b.address, type, path: (str(b.resolved, 'path') ?? type).replace(/^\/+|\/+$/g, ''), options, computedOptions };
}

function optionalBool(config: JsonObject, key: string, field: string): Record<string, boolean> {
  const v = bool(config, key);
  return v === undefined ? {} : { [field]: v };
}

function templateOf(block: Block): { template?: string } {
  const t = block.resolved.template;
  return typeof t === 'string' ? { template: displayText(t) } : {};
}

function readKey(b: Block): OidcKey {
  return {
    address: b.address,
    name: nameOf(b),
    allowedClientIds: idList(b.resolved, 'allowed_client_ids').ids,
    rotationPeriod: parseTtl(b.resolved.rotation_period),
    verificationTtl: parseTtl(b.resolved.verification_ttl),
    ...optionalString(b.resolved, 'algorithm'),
  };
}

function optionalString(config: JsonObject, key: string): { algorithm?: string } {
  const v = str(config, key);
  return v === undefined ? {} : { algorithm: v };
}

/** `lifecycle.replace_triggered_by` as addresses (`terraform_data.x`; a `${…}` wrapper is dropped). */
function replaceTriggers(config: JsonObject): string[] {
  const lifecycle = config.lifecycle;
  const blocks = Array.isArray(lifecycle) ? lifecycle : [lifecycle];
  return blocks.flatMap((l) => {
    const triggers = isObject(l) ? l.replace_triggered_by : undefined;
    return Array.isArray(triggers) ? triggers.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^\$\{(.*)\}$/, '$1')) : [];
  });
}

function readClient(b: Block): OidcClient {
  const c = b.resolved;
  return {
    address: b.address,
    name: nameOf(b),
    // Vault uses its built-in `default` key (allowed_client_ids = "*") when none is named.
    key: str(c, 'key') ?? BUILTIN_KEY,
    assignments: stringList(c, 'assignments').values,
    redirectUris: stringList(c, 'redirect_uris').values,
    clientType: str(c, 'client_type') ?? 'confidential',
    idTokenTtl: parseTtl(c.id_token_ttl),
    accessTokenTtl: parseTtl(c.access_token_ttl),
    replaceTriggeredBy: replaceTriggers(b.config),
  };
}

function readProvider(b: Block): OidcProvider {
  const ids = idList(b.resolved, 'allowed_client_ids');
  const issuerHost = str(b.resolved, 'issuer_host');
  return {
    address: b.address,
    name: nameOf(b),
    allowedClientIds: ids.ids,
    allowedClientIdsComputed: ids.computed.length > 0,
    scopes: stringList(b.resolved, 'scopes_supported').values,
    // The provider's schema defaults https_enabled to true.
    httpsEnabled: bool(b.resolved, 'https_enabled') ?? true,
    ...(issuerHost !== undefined ? { issuerHost } : {}),
  };
}

function readEntity(b: Block): Entity {
  const metadata: Record<string, string> = {};
  const raw = b.resolved.metadata;
  // setOwn: a key `__proto__` is metadata like any other, not the map's prototype.
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') setOwn(metadata, k, v);
  return {
    address: b.address,
    name: nameOf(b),
    policies: stringList(b.resolved, 'policies').values,
    disabled: bool(b.resolved, 'disabled') ?? false,
    metadata,
  };
}

function readGroup(b: Block): Group {
  return {
    address: b.address,
    name: nameOf(b),
    type: str(b.resolved, 'type') === 'external' ? 'external' : 'internal',
    policies: stringList(b.resolved, 'policies').values,
    memberEntityIds: idList(b.resolved, 'member_entity_ids').ids,
    memberGroupIds: idList(b.resolved, 'member_group_ids').ids,
    ...stringMap(b.resolved, 'metadata', 'metadata'),
  };
}

function attachment(b: Block, targetKey: string): Attachment {
  return {
    address: b.address,
    target: idValue(b.resolved[targetKey] ?? null),
    policies: stringList(b.resolved, 'policies').values,
    memberEntityIds: idList(b.resolved, 'member_entity_ids').ids,
    ...(b.resolved.member_group_ids !== undefined ? { memberGroupIds: idList(b.resolved, 'member_group_ids').ids } : {}),
  };
}

function readPolicies(stack: SynthesizedStack, parsed: ReadonlyMap<string, PolicyParseResult>): Policy[] {
  return blocksOfType(stack, 'vault_policy').map((b): Policy => {
    const raw = b.resolved.policy;
    const name = nameOf(b);
    const ref = soleRef(raw);
    if (ref && ref.address.startsWith('data.vault_policy_document.') && ref.attribute[0] === 'hcl') {
      const doc = stack.blocks.get(ref.address);
      if (doc) return { address: b.address, name, source: 'policy-document', parsed: stanzasFromPolicyDocument(doc.resolved) };
    }
    const result = parsed.get(b.address);
    const text = policyTextOf(raw);
    if (text === undefined || !result) {
      return {
        address: b.address,
        name,
        source: 'computed',
        parsed: { ok: false, errors: [`the document (${typeof raw === 'string' ? raw : JSON.stringify(raw)}) is only known after apply, so it cannot be checked`] },
      };
    }
    return { address: b.address, name, source: looksLikeJson(text) ? 'json' : 'hcl', text, parsed: result };
  });
}

/** Mount path defaults of the auth methods whose roles we read (the provider's `backend` default). */
const DEFAULT_MOUNT_PATH = { kubernetes: 'kubernetes', jwt: 'jwt', approle: 'approle', cert: 'cert' } as const;

function readMounts(stack: SynthesizedStack): AuthMount[] {
  const mounts: AuthMount[] = [];
  for (const b of stack.blocks.values()) {
    const isAuthBackend = b.type === 'vault_auth_backend';
    const isJwt = b.type === 'vault_jwt_auth_backend' && b.mode === 'resource';
    if (!isAuthBackend && !isJwt) continue;
    const type = str(b.resolved, 'type') ?? (isJwt ? 'jwt' : undefined);
    const path = str(b.resolved, 'path') ?? (isJwt ? type : type) ?? `<${b.address}.path>`;
    mounts.push({ address: b.address, path: path.replace(/^\/+|\/+$/g, ''), ...(type ? { type } : {}) });
  }
  return mounts.sort((a, b) => compareStrings(a.address, b.address));
}

function readLoginRoles(stack: SynthesizedStack): LoginRole[] {
  const roles: LoginRole[] = [];
  const base = (b: Block, method: keyof typeof DEFAULT_MOUNT_PATH) => {
    const c = b.resolved;
    return {
      address: b.address,
      // vault_cert_auth_backend_role names its role `name`, the others `role_name`.
      roleName: nameOf(b, method === 'cert' ? 'name' : 'role_name'),
      mountPath: (str(c, 'backend') ?? DEFAULT_MOUNT_PATH[method]).replace(/^\/+|\/+$/g, ''),
      policies: [...stringList(c, 'token_policies').values, ...stringList(c, 'policies').values],
      noDefaultPolicy: bool(c, 'token_no_default_policy') ?? false,
      tokenTtl: parseTtl(c.token_ttl),
      tokenMaxTtl: parseTtl(c.token_max_ttl),
      tokenExplicitMaxTtl: parseTtl(c.token_explicit_max_ttl),
      tokenPeriod: parseTtl(c.token_period),
      tokenBoundCidrs: stringList(c, 'token_bound_cidrs').values,
      ...(num(c, 'token_num_uses') !== undefined ? { tokenNumUses: num(c, 'token_num_uses')! } : {}),
      ...stringMap(c, 'alias_metadata', 'aliasMetadata'),
    };
  };
  for (const b of blocksOfType(stack, 'vault_kubernetes_auth_backend_role')) {
    const c = b.resolved;
    const selector = str(c, 'bound_service_account_namespace_selector');
    roles.push({
      ...base(b, 'kubernetes'),
      method: 'kubernetes',
      ...(c.bound_service_account_names !== undefined ? { serviceAccounts: stringList(c, 'bound_service_account_names').values } : {}),
      ...(c.bound_service_account_namespaces !== undefined ? { namespaces: stringList(c, 'bound_service_account_namespaces').values } : {}),
      ...(selector ? { namespaceSelector: selector } : {}),
      aliasNameSource: str(c, 'alias_name_source') ?? 'serviceaccount_uid',
      ...(str(c, 'audience') ? { audience: str(c, 'audience')! } : {}),
    });
  }
  for (const b of blocksOfType(stack, 'vault_jwt_auth_backend_role')) {
    const c = b.resolved;
    const subject = str(c, 'bound_subject');
    roles.push({
      ...base(b, 'jwt'),
      method: 'jwt',
      roleType: str(c, 'role_type') ?? 'oidc',
      ...(subject ? { boundSubject: subject } : {}),
      boundAudiences: stringList(c, 'bound_audiences').values,
      boundClaims: isObject(c.bound_claims) ? c.bound_claims : {},
      userClaim: str(c, 'user_claim') ?? '',
      ...(str(c, 'bound_claims_type') !== undefined ? { boundClaimsType: str(c, 'bound_claims_type')! } : {}),
      ...(bool(c, 'disable_bound_claims_parsing') !== undefined ? { disableBoundClaimsParsing: bool(c, 'disable_bound_claims_parsing')! } : {}),
      ...(bool(c, 'user_claim_json_pointer') !== undefined ? { userClaimJsonPointer: bool(c, 'user_claim_json_pointer')! } : {}),
      ...(str(c, 'groups_claim') ? { groupsClaim: str(c, 'groups_claim')! } : {}),
      ...stringMap(c, 'claim_mappings', 'claimMappings'),
      ...(num(c, 'clock_skew_leeway') !== undefined ? { clockSkewLeeway: num(c, 'clock_skew_leeway')! } : {}),
      ...(num(c, 'expiration_leeway') !== undefined ? { expirationLeeway: num(c, 'expiration_leeway')! } : {}),
      ...(num(c, 'not_before_leeway') !== undefined ? { notBeforeLeeway: num(c, 'not_before_leeway')! } : {}),
      ...(c.allowed_redirect_uris !== undefined ? { allowedRedirectUris: stringList(c, 'allowed_redirect_uris').values } : {}),
    });
  }
  for (const b of blocksOfType(stack, 'vault_approle_auth_backend_role')) {
    const c = b.resolved;
    roles.push({
      ...base(b, 'approle'),
      method: 'approle',
      bindSecretId: bool(c, 'bind_secret_id') ?? true,
      secretIdBoundCidrs: stringList(c, 'secret_id_bound_cidrs').values,
      ...(str(c, 'role_id') !== undefined ? { roleId: str(c, 'role_id')! } : {}),
      secretIdTtl: parseTtl(c.secret_id_ttl),
      ...(num(c, 'secret_id_num_uses') !== undefined ? { secretIdNumUses: num(c, 'secret_id_num_uses')! } : {}),
    });
  }
  for (const b of blocksOfType(stack, 'vault_cert_auth_backend_role')) {
    const c = b.resolved;
    const list = (k: string) => stringList(c, k).values;
    roles.push({
      ...base(b, 'cert'),
      method: 'cert',
      certificate: str(c, 'certificate') ?? '',
      allowedCommonNames: list('allowed_common_names'),
      allowedUriSans: list('allowed_uri_sans'),
      allowedDnsSans: list('allowed_dns_sans'),
      allowedEmailSans: list('allowed_email_sans'),
      allowedNames: list('allowed_names'),
      allowedOrganizationalUnits: list('allowed_organizational_units'),
      requiredExtensions: list('required_extensions'),
    });
  }
  return roles.sort((a, b) => compareStrings(a.address, b.address));
}

export type { IdValue };
