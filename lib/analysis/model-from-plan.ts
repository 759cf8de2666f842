/**
 * `modelFromPlan(plan)`: the intended stack model, built directly from an AccessPlan (no
 * constructs, no synth): the objects the plan says to create, with the same Vault names and the
 * same links (references) the L3 construct renders. `accessFacts` of it is the *intended*
 * access that `check --topology`, the Aspect and the jest matchers compare a stack with.
 *
 * It mirrors lib/constructs/topology.ts and delegation.ts object by object; the property test
 * (test/analysis/intent-property.test.ts) holds the two to the same facts on random topologies,
 * so a change to one that the other does not follow fails there.
 *
 * Addresses are synthetic (`vault_identity_entity.plan_3`): facts are address-free, and a
 * finding about intended-but-missing access names the plan object in words.
 */
import { parseClaims } from './claims';
import { displayText } from './expressions';
import type { Json } from './json';
import { credentials } from './facts-logins';
import type {
  AgentRegistration,
  AuditDevice,
  AuditRequestHeader,
  AuthMount,
  Entity,
  EntityAlias,
  ExchangeConfig,
  ExchangeEndpoint,
  ExchangeRole,
  Group,
  GroupAlias,
  KeyAllowedClient,
  LoginRole,
  OidcAssignment,
  OidcClient,
  OidcKey,
  OidcProvider,
  OidcRole,
  OidcScope,
  Output,
  Policy,
  ResourceServerProfile,
  StackModel,
  TerraformData,
} from './model';
import { publicKeyDigest } from './model-registry';
import type { PolicyStanza } from './policy-document';
import { parseTtl } from './ttl';
import type { IdValue } from './values';
import { EXCHANGE_ACTOR_CLAIMS, EXCHANGE_SUBJECT_TEMPLATE } from '../plan/agent-claims';
import { MAY_ACT_CLAIM, OUTPUT_NAMES } from '../plan/naming';
import type { PolicyRule } from '../plan/policy-rule';
import type { AccessPlan, AuditPlan } from '../plan/types';
import { DEFAULT_AUDIT_FILE_MODE } from '../vault/audit';
import { JWT_ALGORITHMS } from '../vault/jwt';
import { compareStrings, sorted, uniqueSorted } from '../vault/order';
import { PREBUILT_VAULT_PROVIDER_VERSION, VAULT_PROVIDER_FLOOR_CONSTRAINT } from '../vault/provider';

class Addresses {
  private readonly byName = new Map<string, string>();
  private n = 0;

  constructor(private readonly type: string) {}

  of(name: string): string {
    let a = this.byName.get(name);
    if (a === undefined) {
      a = `${this.type}.plan_${this.n++}`;
      this.byName.set(name, a);
    }
    return a;
  }

  ref(name: string, attribute: string): IdValue {
    return { kind: 'ref', address: this.of(name), attribute };
  }

  /** `${<address>.<attribute>}` as it appears inside a rendered template. */
  interpolation(name: string, attribute: string): string {
    return `\${${this.of(name)}.${attribute}}`;
  }
}

function stanzas(rules: readonly PolicyRule[]): readonly PolicyStanza[] {
  return rules.map((r) => ({ path: r.path, capabilities: [...r.capabilities] }));
}

const seconds = (s: number) => parseTtl(s);

/** The identity-delegation plugin's template for the requesting entity's id (the caller acts). */
const ACTOR_IS_CALLER = '{{identity.entity.id}}';

export function modelFromPlan(plan: AccessPlan): StackModel {
  const at = {
    mount: new Addresses('data.vault_auth_backend'),
    entity: new Addresses('vault_identity_entity'),
    alias: new Addresses('vault_identity_entity_alias'),
    group: new Addresses('vault_identity_group'),
    client: new Addresses('vault_identity_oidc_client'),
    provider: new Addresses('vault_identity_oidc_provider'),
    assignment: new Addresses('vault_identity_oidc_assignment'),
    scope: new Addresses('vault_identity_oidc_scope'),
    role: new Addresses('vault_identity_oidc_role'),
    key: new Addresses('vault_identity_oidc_key'),
    keyClient: new Addresses('vault_identity_oidc_key_allowed_client_id'),
    policy: new Addresses('vault_policy'),
    k8s: new Addresses('vault_kubernetes_auth_backend_role'),
    jwt: new Addresses('vault_jwt_auth_backend_role'),
    approle: new Addresses('vault_approle_auth_backend_role'),
    cert: new Addresses('vault_cert_auth_backend_role'),
    groupAlias: new Addresses('vault_identity_group_alias'),
    registration: new Addresses('vault_agent_registration'),
    profile: new Addresses('vault_oauth_resource_server_config_profile'),
    endpoint: new Addresses('vault_generic_endpoint'),
    generation: new Addresses('terraform_data'),
    audit: new Addresses('vault_audit'),
    header: new Addresses('vault_audit_request_header'),
  };
  const loginRoleAddress = new Map<string, { address: string; approle: boolean }>();
  const loginRoles: LoginRole[] = plan.loginRoles.map((r): LoginRole => {
    const base = {
      roleName: r.roleName,
      mountPath: r.mountPath,
      policies: sorted(r.policies),
      // The L2 login roles detach Vault's default policy (login-role.ts).
      noDefaultPolicy: true,
      tokenTtl: seconds(r.tokenTtlSeconds),
      tokenMaxTtl: seconds(r.tokenMaxTtlSeconds),
      tokenExplicitMaxTtl: parseTtl(undefined),
      tokenPeriod: parseTtl(undefined),
      tokenBoundCidrs: [],
    };
    switch (r.kind) {
      case 'kubernetes': {
        const address = at.k8s.of(r.agent);
        loginRoleAddress.set(r.agent, { address, approle: false });
        return {
          ...base,
          address,
          method: 'kubernetes',
          serviceAccounts: [r.serviceAccount],
          namespaces: [r.namespace],
          aliasNameSource: 'serviceaccount_name',
          ...(r.audience !== undefined ? { audience: r.audience } : {}),
        };
      }
      case 'jwt': {
        const address = at.jwt.of(r.agent);
        loginRoleAddress.set(r.agent, { address, approle: false });
        return { ...base, address, method: 'jwt', roleType: 'jwt', boundSubject: r.subject, boundAudiences: sorted(r.audiences), boundClaims: {}, userClaim: 'sub' };
      }
      case 'approle': {
        const address = at.approle.of(r.agent);
        loginRoleAddress.set(r.agent, { address, approle: true });
        // Secret ids expire and allow a bounded number of logins (approle-login-role.ts).
        return {
          ...base,
          tokenBoundCidrs: sorted(r.tokenBoundCidrs),
          address,
          method: 'approle',
          bindSecretId: true,
          secretIdBoundCidrs: sorted(r.secretId.boundCidrs),
          secretIdTtl: seconds(r.secretId.ttlSeconds),
          secretIdNumUses: r.secretId.numUses,
        };
      }
      case 'cert': {
        const address = at.cert.of(r.agent);
        loginRoleAddress.set(r.agent, { address, approle: false });
        return {
          ...base,
          address,
          method: 'cert',
          certificate: r.certificate,
          allowedCommonNames: r.name.kind === 'common-name' ? [r.name.value] : [],
          allowedUriSans: r.name.kind === 'uri-san' ? [r.name.value] : [],
          allowedDnsSans: [],
          allowedEmailSans: [],
          allowedNames: [],
          allowedOrganizationalUnits: [],
          requiredExtensions: [],
        };
      }
    }
  });

  const mounts: AuthMount[] = plan.mounts.map((m) => ({ address: at.mount.of(m.name), path: m.path }));
  // Agents carry a2a_agent/a2a_owner metadata (their token templates read it); an agent a
  // resource server's JWTs resolve to holds its own policy on its entity (topology.ts).
  const entities: Entity[] = plan.entities.map((e) => ({
    address: at.entity.of(e.name),
    name: e.name,
    policies: sorted(e.policies ?? []),
    disabled: false,
    metadata: { ...(e.metadata ?? {}) },
  }));
  const aliases: EntityAlias[] = plan.entities.flatMap((e): EntityAlias[] => {
    if (!e.alias) return [];
    const name: IdValue =
      e.alias.name.kind === 'static'
        ? { kind: 'literal', value: e.alias.name.value }
        : { kind: 'ref', address: loginRoleAddress.get(e.alias.name.loginRole)?.address ?? at.approle.of(e.alias.name.loginRole), attribute: 'role_id' };
    return [{ address: at.alias.of(e.name), name, mountAccessor: at.mount.ref(e.alias.mount, 'accessor'), canonicalId: at.entity.ref(e.name, 'id') }];
  });
  // Resource-server JWTs resolve to registered agents' entities (agent-registry.ts): the
  // accessor the topology names, or the accessor of one of its auth mounts.
  for (const a of plan.registry?.entityAliases ?? []) {
    aliases.push({
      address: at.alias.of(`jwt:${a.resourceServer}/${a.agent}`),
      name: { kind: 'literal', value: a.name },
      mountAccessor: a.accessor.kind === 'accessor' ? { kind: 'literal', value: a.accessor.accessor } : at.mount.ref(a.accessor.mount, 'accessor'),
      canonicalId: at.entity.ref(a.entity, 'id'),
    });
  }
  const groups: Group[] = plan.groups.map((g) => ({
    address: at.group.of(g.name),
    name: g.name,
    type: g.external ? 'external' : 'internal',
    policies: [],
    memberEntityIds: sorted(g.members).map((m) => at.entity.ref(m, 'id')),
    memberGroupIds: [],
    ...(g.description !== undefined ? { metadata: { description: g.description } } : {}),
  }));
  // An external group's members are the logins on its mount whose groups claim names the alias.
  const groupAliases: GroupAlias[] = plan.groups.flatMap((g) =>
    g.external ? [{ address: at.groupAlias.of(g.name), name: g.external.alias, mountAccessor: at.mount.ref(g.external.mount, 'accessor'), canonicalId: at.group.ref(g.name, 'id') }] : [],
  );

  const delegation = plan.delegation;
  const actorRoles = delegation?.actors.map((a) => a.tokenRole) ?? [];
  const roles: OidcRole[] = [...plan.identityTokenRoles, ...actorRoles]
    .map((r) => ({
      address: at.role.of(r.name),
      name: r.name,
      key: plan.key.name,
      ttl: seconds(r.ttlSeconds),
      // As model-build.ts keeps it: references shown as `<address.attribute>`.
      template: displayText(r.template),
      claims: parseClaims(r.template),
    }))
    .sort((a, b) => compareStrings(a.name, b.name));

  const mayActScopes: OidcScope[] = (delegation?.mayActScopes ?? []).map((s) => {
    const entries = s.actors.map((a) => ({ client_id: at.role.interpolation(a.tokenRole, 'client_id'), sub: at.entity.interpolation(a.entity, 'id') }));
    // RFC 8693's form names one party (one object); the array form lists them (may-act-scope.ts).
    const template = JSON.stringify({ [MAY_ACT_CLAIM]: s.form === 'array' ? entries : entries[0] });
    return { address: at.scope.of(s.name), name: s.name, template: displayText(template), claims: parseClaims(template) };
  });
  const scopes: OidcScope[] = [
    ...[...plan.scopes, ...(plan.agentScopes ?? [])].map((s) => ({ address: at.scope.of(s.name), name: s.name, template: displayText(s.template), claims: parseClaims(s.template) })),
    ...mayActScopes,
  ];

  const clients: OidcClient[] = plan.clients.map((c) => ({
    address: at.client.of(c.name),
    name: c.name,
    key: plan.key.name,
    assignments: [c.assignment.name],
    redirectUris: sorted(c.redirectUris),
    clientType: c.clientType,
    idTokenTtl: seconds(c.idTokenTtlSeconds),
    accessTokenTtl: seconds(c.accessTokenTtlSeconds),
    // Raising the generation replaces the client (oidc-client.ts).
    replaceTriggeredBy: [at.generation.of(c.name)],
  }));
  const terraformData: TerraformData[] = plan.clients.map((c) => ({
    address: at.generation.of(c.name),
    triggersReplace: { client: c.name, generation: c.generation },
  }));
  const https = new URL(plan.vault.address).protocol === 'https:';
  const providers: OidcProvider[] = plan.clients.map((c) => ({
    address: at.provider.of(c.provider.name),
    name: c.provider.name,
    allowedClientIds: [at.client.ref(c.name, 'client_id')],
    allowedClientIdsComputed: false,
    scopes: sorted(c.provider.scopes),
    httpsEnabled: https,
    issuerHost: plan.vault.issuerHost,
  }));
  const assignments: OidcAssignment[] = plan.clients.map((c) => ({
    address: at.assignment.of(c.assignment.name),
    name: c.assignment.name,
    entityIds: sorted(c.assignment.entities).map((e) => at.entity.ref(e, 'id')),
    groupIds: sorted(c.assignment.groups).map((g) => at.group.ref(g, 'id')),
  }));

  const keys: OidcKey[] = [
    {
      address: at.key.of(plan.key.name),
      name: plan.key.name,
      allowedClientIds: [],
      rotationPeriod: seconds(plan.key.rotationPeriodSeconds),
      verificationTtl: seconds(plan.key.verificationTtlSeconds),
      algorithm: plan.key.algorithm,
    },
  ];
  const keyAllowedClients: KeyAllowedClient[] = plan.key.allowedClients.map((c) => ({
    address: at.keyClient.of(`${c.kind}:${c.name}`),
    keyName: plan.key.name,
    clientId: c.kind === 'client' ? at.client.ref(c.name, 'client_id') : at.role.ref(c.name, 'client_id'),
  }));

  const policies: Policy[] = [...plan.policies, ...(plan.registry?.ceilingPolicies ?? [])].map((p) => ({
    address: at.policy.of(p.name),
    name: p.name,
    source: 'hcl',
    parsed: { ok: true, stanzas: stanzas(p.rules) },
  }));

  const registrations: AgentRegistration[] = (plan.registry?.registrations ?? []).map((r) => ({
    address: at.registration.of(r.agent),
    displayName: r.displayName,
    entityId: at.entity.ref(r.entity, 'id'),
    ceilingPolicies: r.ceiling.kind === 'derived' ? [r.ceiling.policy] : sorted(r.ceiling.policies),
    noDefaultCeilingPolicy: true,
    optionalAuthorizationDetails: r.authorizationDetails.kind === 'optional',
  }));
  const resourceServerProfiles: ResourceServerProfile[] = (plan.registry?.resourceServerProfiles ?? []).map((p) => ({
    address: at.profile.of(p.name),
    name: p.name,
    issuer: p.issuer,
    useJwks: p.keySource.kind === 'jwks',
    ...(p.keySource.kind === 'jwks' ? { jwksUri: p.keySource.uri } : {}),
    jwksUriComputed: false,
    publicKeyCount: p.keySource.kind === 'public-keys' ? p.keySource.keys.length : 0,
    ...(p.keySource.kind === 'public-keys' ? { publicKeys: publicKeyTexts(p.keySource.keys) } : {}),
    audiences: sorted(p.audiences),
    audiencesComputed: false,
    supportedAlgorithms: JWT_ALGORITHMS.filter((a) => p.algorithms.includes(a)),
    clockSkewLeeway: p.clockSkewLeewaySeconds,
    enabled: true,
    optionalAuthorizationDetails: p.authorizationDetails.kind === 'optional',
    userClaim: p.userClaim,
    jwtType: p.jwtType,
    noDefaultPolicy: true,
  }));

  const exchange = delegation?.tokenExchange;
  const exchangeRoles: ExchangeRole[] = (exchange?.roles ?? []).map((r) => {
    // The delegated token names whoever exchanges (token-exchange-role.ts): the ACL decides who may.
    const actorTemplate = JSON.stringify({ act: { sub: ACTOR_IS_CALLER }, aud: [...r.audiences], ...EXCHANGE_ACTOR_CLAIMS });
    return {
      address: at.endpoint.of(`role:${r.name}`),
      mount: exchange!.mount,
      name: r.name,
      boundIssuer: at.provider.ref(r.partition, 'issuer'),
      boundAudiences: [at.client.ref(r.partition, 'client_id')],
      actor: { kind: 'caller' },
      key: exchange!.key.name,
      ttl: seconds(r.ttlSeconds),
      context: { kind: 'scopes', scopes: [...r.context] },
      actorTemplate: parseClaims(actorTemplate),
      subjectTemplate: parseClaims(EXCHANGE_SUBJECT_TEMPLATE),
    };
  });
  const exchangeConfigs: ExchangeConfig[] = exchange
    ? [
        {
          address: at.endpoint.of('config'),
          mount: exchange.mount,
          issuer: exchange.issuer,
          subjectJwksUri: `${at.provider.interpolation(exchange.subjectJwksProvider, 'issuer')}/.well-known/keys`,
          defaultTtl: seconds(exchange.defaultTtlSeconds),
        },
      ]
    : [];
  const exchangeEndpoints: ExchangeEndpoint[] = exchange
    ? [
        ...exchangeRoles.map((r) => ({ address: r.address, mount: r.mount, path: `${r.mount}/role/${r.name}` })),
        { address: at.endpoint.of('config'), mount: exchange.mount, path: `${exchange.mount}/config` },
        { address: at.endpoint.of('key'), mount: exchange.mount, path: `${exchange.mount}/key/${exchange.key.name}` },
      ]
    : [];

  return {
    name: plan.name,
    ...(plan.vault.namespace ? { vaultNamespace: plan.vault.namespace.replace(/^\/+|\/+$/g, '') } : {}),
    keys,
    keyAllowedClients,
    clients,
    terraformData,
    providers,
    scopes,
    assignments,
    roles,
    entities,
    aliases,
    groups,
    groupAliases,
    entityPolicies: [],
    groupPolicies: [],
    groupMembers: [],
    policies,
    mounts,
    loginRoles,
    registrations,
    resourceServerProfiles,
    outputs: outputsOf(plan, at.provider, at.client, at.role),
    // The prebuilt provider bindings pin their own version; the registry's resources raise it (bindings/provider-constraint.ts).
    vaultProviderConstraint: plan.registry && (plan.registry.registrations.length > 0 || plan.registry.resourceServerProfiles.length > 0) ? VAULT_PROVIDER_FLOOR_CONSTRAINT : PREBUILT_VAULT_PROVIDER_VERSION,
    ...auditModel(plan.audit, at.audit, at.header),
    exchangeRoles,
    exchangeEndpoints,
    exchangeConfigs,
    mountConfigs: [],
    lookups: elsewhereLookups(plan, at.entity, at.group),
    cycles: [],
    unreadable: [],
  };
}

/**
 * The outputs the L3 writes (topology.ts, addOutputs): discovery URLs, client ids, identity-token
 * audiences and, with split clients, who signs in through which client. Each map is left out when empty.
 */
function outputsOf(plan: AccessPlan, provider: Addresses, client: Addresses, role: Addresses): Output[] {
  const outputs: Output[] = [];
  const output = (name: string, value: Record<string, Json>) => {
    if (Object.keys(value).length > 0) outputs.push({ address: `output.${name}`, name, value, sensitive: false });
  };
  const record = (names: readonly string[], value: (name: string) => Json) => Object.fromEntries(names.map((n) => [n, value(n)]));
  output(OUTPUT_NAMES.discoveryUrls, record(uniqueSorted(plan.clients.map((c) => c.provider.name)), (p) => `\${${provider.of(p)}.issuer}/.well-known/openid-configuration`));
  output(OUTPUT_NAMES.clientIds, record(uniqueSorted(plan.clients.map((c) => c.name)), (c) => client.interpolation(c, 'client_id')));
  output(OUTPUT_NAMES.identityTokenAudiences, record(uniqueSorted([...plan.identityTokenRoles, ...(plan.delegation?.actors ?? []).map((a) => a.tokenRole)].map((r) => r.name)), (r) => role.interpolation(r, 'client_id')));
  // Agent and user names are the topology's (an agent `constructor` is valid): Maps, then own members.
  const byAgent = new Map<string, Map<string, string>>();
  for (const p of plan.delegation?.partitions ?? []) for (const user of p.users) (byAgent.get(p.agent) ?? byAgent.set(p.agent, new Map()).get(p.agent)!).set(user, p.client);
  output(OUTPUT_NAMES.delegationSignInClients, Object.fromEntries([...byAgent].map(([agent, users]) => [agent, Object.fromEntries(users)])));
  return outputs;
}

/**
 * Users' entities and groups another stack of the organization creates, which the L3 looks up by
 * name (`data.vault_identity_entity` / `_group`): the same lookups, at the addresses the plan's
 * references to them use.
 */
function elsewhereLookups(plan: AccessPlan, entity: Addresses, group: Addresses): Record<string, { kind: 'entity' | 'group'; name: string }> {
  return Object.fromEntries([
    ...(plan.elsewhere?.entities ?? []).map((name) => [entity.of(name), { kind: 'entity' as const, name }] as const),
    ...(plan.elsewhere?.groups ?? []).map((name) => [group.of(name), { kind: 'group' as const, name }] as const),
  ]);
}

/**
 * The audit trail the plan writes (audit.ts, audit-device.ts): every option spelled out, secrets
 * never logged raw. Audit devices grant nobody anything; rules A2A-AUDIT-* judge them.
 */
function auditModel(audit: AuditPlan | undefined, device: Addresses, header: Addresses): Pick<StackModel, 'auditDevices' | 'auditRequestHeaders'> {
  const auditDevices: AuditDevice[] = (audit?.devices ?? []).map((d) => {
    const sink: Record<string, string> =
      d.sink.kind === 'file'
        ? { file_path: d.sink.filePath, mode: d.sink.mode || DEFAULT_AUDIT_FILE_MODE }
        : d.sink.kind === 'socket'
          ? { address: d.sink.address, socket_type: d.sink.socketType }
          : { facility: d.sink.facility, tag: d.sink.tag };
    const options: Record<string, string> = {
      format: d.format,
      hmac_accessor: 'true',
      log_raw: 'false',
      elide_list_responses: String(d.elideListResponses),
      ...(d.prefix !== undefined ? { prefix: d.prefix } : {}),
      ...sink,
    };
    const keys = Object.keys(options).sort(compareStrings);
    return { address: device.of(d.path), type: d.sink.kind, path: d.path, options: Object.fromEntries(keys.map((k) => [k, options[k]!])), computedOptions: [] };
  });
  const auditRequestHeaders: AuditRequestHeader[] = (audit?.requestHeaders ?? []).map((h) => ({ address: header.of(h.name.toLowerCase()), name: h.name, hmac: h.hmac }));
  return { auditDevices, auditRequestHeaders };
}

function publicKeyTexts(keys: readonly { readonly keyId: string; readonly pem: string }[]): string[] {
  return keys.map((k) => publicKeyDigest(k.keyId, k.pem)).sort();
}

/**
 * The access-fact principals (facts-types.ts) the plan creates for each agent, by agent: its
 * entity, the credentials of its login, its clients, identity-token roles and exchange roles.
 * Per-agent suppressions match findings about these.
 */
export function agentFactPrincipals(plan: AccessPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (agent: string, key: string) => out.set(agent, [...(out.get(agent) ?? []), key]);
  const model = modelFromPlan(plan);
  for (const cred of credentials(model.loginRoles)) {
    for (const { role } of cred.roles) {
      const login = plan.loginRoles.find((r) => r.mountPath === role.mountPath && r.roleName === role.roleName);
      if (login) add(login.agent, cred.key);
    }
  }
  for (const e of plan.entities) if (e.kind === 'agent') add(e.name, `entity:${e.name}`);
  for (const r of plan.delegation?.tokenExchange?.roles ?? []) add(r.actor, `exchange-role:${plan.delegation!.tokenExchange!.mount}/${r.name}`);
  for (const [agent, keys] of out) out.set(agent, [...new Set(keys)].sort(compareStrings));
  return out;
}
