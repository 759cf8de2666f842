/**
 * The topology schema: the single source of the TypeScript types (`Topology`), the runtime
 * validation (`TopologySchema.safeParse`) and the published JSON Schema
 * (`schema/topology.schema.json`, written by `npm run schema`).
 *
 * The schema checks shape only: field names, types and name alphabets. Everything that needs the
 * whole document (does `calls[0].agent` exist? does a kubernetes login name a service account?)
 * lives in `validate-references.ts`, so that both kinds of error are reported together.
 */
import { z } from 'zod';
import {
  CLAIM_PATTERN,
  CLAIM_TEXT_PATTERN,
  CLAIM_TEXT_RULE,
  GRANT_PATTERN,
  K8S_NAME_PATTERN,
  MEMBER_PATTERN,
  MOUNT_PATH_PATTERN,
  NAME_PATTERN,
  NAME_RULE,
  NAMESPACE_PATTERN,
  PLUGIN_NAME_PATTERN,
  SKILL_PATTERN,
  SKILL_RULE,
  TOKEN_BINDING_PATTERN,
} from './names';
import { Duration } from './schema-duration';
import { Audit } from './schema-audit';
import { Registry, ResourceServer } from './schema-registry';
import { CertLoginFields, ExternalGroup } from './schema-identity';
import { OIDC_KEY_ALGORITHMS } from '../vault/jwt';

export const Name = z
  .string()
  .regex(NAME_PATTERN, { error: `must be ${NAME_RULE}` })
  .describe(`A name: ${NAME_RULE}.`);

const SkillId = z.string().regex(SKILL_PATTERN, { error: `must be ${SKILL_RULE}` });

// In its own module so that schema-registry.ts can use it without an import cycle.
export { Duration };

const HttpUrl = z.string().describe('An absolute http(s) URL.');

export const VaultSettings = z
  .strictObject({
    address: HttpUrl.describe(
      'Vault address, e.g. https://vault.example.com:8200. OIDC issuer and discovery URLs derive from it.',
    ),
    namespace: z
      .string()
      .regex(NAMESPACE_PATTERN, { error: 'must be a Vault namespace path such as "team-a" or "org/team-a"' })
      .optional()
      .describe('Vault Enterprise namespace the resources live in.'),
  })
  .describe('The Vault cluster the topology is synthesized for.');

export const Defaults = z
  .strictObject({
    accessTokenTtl: Duration.optional().describe('Access-token TTL of OIDC clients. Default 15m; at most 30m (--max-access-ttl).'),
    idTokenTtl: Duration.optional().describe('ID-token TTL of OIDC clients. Default 15m; at most 30m (--max-access-ttl).'),
    identityTokenTtl: Duration.optional().describe('TTL of identity tokens minted by headless agents and actors. Default 15m; at most 30m (--max-access-ttl).'),
    loginTokenTtl: Duration.optional().describe('TTL of the Vault token an agent gets when it logs in. Default 15m; at most 1h (--max-login-ttl).'),
  })
  .describe(
    'TTL defaults. Every TTL must be positive and at most 24h, and at most the limit the synth-time checks apply to the tokens it sets (30m for ID, access and identity tokens, 1h for login tokens; --max-access-ttl and --max-login-ttl change them) unless the agents concerned suppress that check with a reason.',
  );

export const AgentTtl = z
  .strictObject({
    accessTokenTtl: Duration.optional().describe("Access-token TTL of this agent's OIDC client; at most defaults.accessTokenTtl."),
    idTokenTtl: Duration.optional().describe("ID-token TTL of this agent's OIDC client; at most defaults.idTokenTtl."),
    identityTokenTtl: Duration.optional().describe('TTL of the identity tokens this agent mints; at most defaults.identityTokenTtl.'),
    loginTokenTtl: Duration.optional().describe('TTL of the Vault token this agent gets when it logs in; at most defaults.loginTokenTtl.'),
  })
  .describe("This agent's token TTLs: shorter than the topology's defaults, never longer (defaults are the ceiling for every agent).");

export const SigningKey = z
  .strictObject({
    rotationPeriod: Duration.optional().describe('How often Vault rotates the OIDC signing key. Default 24h; at least 1m (Vault), at most 30d.'),
    verificationTtl: Duration.optional().describe(
      'How long a rotated-out public key stays published for verification. Default: the rotation period; at least the longest ID- and identity-token TTL, at most 10 rotation periods (Vault) and 30d.',
    ),
    algorithm: z
      .enum(OIDC_KEY_ALGORITHMS)
      .optional()
      .describe('Signing algorithm. Default RS256 (every JWT library verifies it; the token-exchange plugin accepts nothing else in subject tokens).'),
  })
  .describe("The topology's OIDC signing key (vault_identity_oidc_key): it signs every ID token and identity token.");

export const AuthMountType = z.enum(['kubernetes', 'jwt', 'approle', 'userpass', 'oidc', 'cert']);


export const AuthMount = z
  .strictObject({
    type: AuthMountType.describe('Auth method type.'),
    path: z
      .string()
      .regex(MOUNT_PATH_PATTERN, { error: 'must be a mount path such as "kubernetes" or "k8s/prod" (no leading or trailing "/")' })
      .describe('Mount path of the existing auth method, without "auth/".'),
    groupsClaim: z
      .string()
      .regex(CLAIM_PATTERN, { error: 'must be a claim name such as "groups"' })
      .optional()
      .describe(
        'oidc and jwt: the claim the mount\'s roles read IdP groups from (their groups_claim). Needed by externalGroups on this mount: Vault adds a login to the external groups whose alias names one of the values of this claim.',
      ),
  })
  .describe('An auth method that already exists in Vault; the topology only references it.');

export const User = z
  .strictObject({
    mount: Name.describe('Name of the auth mount (under authMounts) the user signs in with.'),
    alias: z
      .string()
      .regex(TOKEN_BINDING_PATTERN, { error: 'must be a login name without spaces, quotes or "*"' })
      .optional()
      .describe('Login name on that mount. Defaults to the user name.'),
    groups: z.array(Name).optional().describe('Groups the user belongs to.'),
  })
  .describe('A person who signs in to client agents through a browser.');

export const Group = z
  .strictObject({
    description: z.string().max(256).optional(),
  })
  .describe('A Vault identity group; members are listed on users.');

export const Skill = z
  .strictObject({
    id: SkillId.describe('Skill id, as in the A2A Agent Card.'),
    actions: z.array(SkillId).min(1, { error: 'needs at least one action' }).describe('Actions callers can be granted.'),
    description: z.string().max(512).optional(),
    public: z
      .boolean()
      .optional()
      .describe('Listed on the public Agent Card (true) or only on the authenticated extended card (false). Default true.'),
  })
  .describe('A skill a server agent serves.');

export const LoginKind = z.enum(['kubernetes', 'jwt', 'approle', 'cert']);

export const Login = z
  .strictObject({
    kind: LoginKind.optional().describe('The login type, for readers: must be the type of the mount. Default: the mount\'s type.'),
    mount: Name.describe('Name of the auth mount (under authMounts): kubernetes, jwt, approle or cert.'),
    serviceAccount: z
      .string()
      .regex(K8S_NAME_PATTERN, { error: 'must be a Kubernetes service account name' })
      .optional()
      .describe('kubernetes: the one service account allowed to log in.'),
    namespace: z
      .string()
      .regex(K8S_NAME_PATTERN, { error: 'must be a Kubernetes namespace name' })
      .optional()
      .describe('kubernetes: the one namespace allowed to log in.'),
    subject: z
      .string()
      .regex(TOKEN_BINDING_PATTERN, { error: 'must be a JWT subject without spaces, quotes or "*"' })
      .optional()
      .describe('jwt: the bound subject, e.g. a SPIFFE ID.'),
    audiences: z
      .array(z.string().regex(TOKEN_BINDING_PATTERN, { error: 'must be an audience without spaces, quotes or "*"' }))
      .optional()
      .describe('jwt: the bound audiences.'),
    audience: z
      .string()
      .regex(TOKEN_BINDING_PATTERN, { error: 'must be an audience without spaces, quotes or "*"' })
      .optional()
      .describe(
        'kubernetes, recommended: the audience the service account token must carry (the role\'s audience), e.g. "vault" with a token projected for Vault. Without it Vault accepts a token issued for any audience, such as the API server\'s, and warns on every write of the role.',
      ),
    secretIdTtl: Duration.optional().describe('approle: how long a secret id lives. Default 1h, at most 24h (Vault\'s own default is never).'),
    secretIdNumUses: z
      .int()
      .min(1, { error: 'must be at least 1 (Vault reads 0 as unlimited uses)' })
      .optional()
      .describe('approle: how many logins one secret id allows. Default: the logins its TTL needs at the login-token TTL, plus one (Vault\'s own default is unlimited).'),
    secretIdBoundCidrs: z
      .array(z.string())
      .min(1, { error: 'needs at least one CIDR block; remove it to allow logins from anywhere' })
      .optional()
      .describe('approle: the networks (CIDR blocks, e.g. 10.20.0.0/16) a secret id may be used from.'),
    tokenBoundCidrs: z
      .array(z.string())
      .min(1, { error: 'needs at least one CIDR block; remove it to allow use from anywhere' })
      .optional()
      .describe('approle: the networks (CIDR blocks) the login token may be used from.'),
    ...CertLoginFields,
  })
  .describe(
    'How an agent logs in to Vault. kubernetes: { mount, serviceAccount, namespace, audience? }; jwt: { mount, subject, audiences }; approle: { mount, secretIdTtl?, secretIdNumUses?, secretIdBoundCidrs?, tokenBoundCidrs? }; cert: { mount, caCertificate, commonName | uriSan }.',
  );

export const Oidc = z
  .strictObject({
    redirectUris: z
      .array(z.string())
      .min(1, { error: 'needs at least one redirect URI' })
      .describe(
        'Redirect URIs. Vault matches them exactly, except on loopback hosts (localhost, 127.0.0.1, ::1), where it ignores the port (RFC 8252 §7.3): http://127.0.0.1:9998/callback admits every port on 127.0.0.1 with that path.',
      ),
    users: z
      .array(z.string().regex(MEMBER_PATTERN, { error: 'must be a user name or "group:<group>"' }))
      .min(1, { error: 'needs at least one user or group' })
      .describe('Who may sign in through this client: user names and "group:<group>".'),
    clientGeneration: z
      .int()
      .min(1, { error: 'must be at least 1' })
      .optional()
      .describe(
        'Generation of the OIDC client, default 1. Raising it makes Terraform replace the client: Vault cannot rotate a client secret, so a new client (new client_id and client_secret) is the only rotation. See docs/credentials.md.',
      ),
  })
  .describe('Browser sign-in (authorization code flow) through this client agent.');

export const Call = z
  .strictObject({
    agent: Name.describe('The server agent called.'),
    grants: z
      .array(z.string().regex(GRANT_PATTERN, { error: 'must be "<skill>:<action>", e.g. "hello_world:read"' }))
      .min(1, { error: 'needs at least one grant' })
      .describe('"<skill>:<action>" grants on that agent.'),
  })
  .describe('A server agent this client agent may call, and with which grants.');

export const AgentSuppression = z
  .strictObject({
    rule: z
      .string()
      .regex(/^A2A-[A-Z0-9]+(-[A-Z0-9]+)*$/, { error: 'must be a rule id such as "A2A-POLICY-GLOB"' })
      .describe('Id of the least-privilege rule whose findings about this agent are accepted.'),
    resource: z
      .string()
      .regex(/^[A-Za-z0-9_.:\/-]+$/, { error: 'must be a Terraform address or principal id without spaces' })
      .optional()
      .describe('Only the finding on this Terraform address or principal id; default every finding of the rule about this agent.'),
    reason: z
      .string()
      .regex(/\S/, { error: 'must say why the finding is accepted' })
      .max(512)
      .describe('Why the finding is accepted; shown next to it in every report.'),
  })
  .describe('Accept a least-privilege finding about this agent, with a reason.');

export const ActsFor = z
  .array(z.string().regex(MEMBER_PATTERN, { error: 'must be a user name or "group:<group>"' }))
  .describe(
    'Users (and "group:<group>") this agent may act for (RFC 8693 delegation): their ID tokens name it in may_act, and it may exchange them at the token-exchange engine.',
  );

export const TokenExchange = z
  .strictObject({
    mount: z
      .string()
      .regex(MOUNT_PATH_PATTERN, { error: 'must be a mount path such as "identity-delegation" (no leading or trailing "/")' })
      .describe('Path the identity-delegation secrets plugin is mounted at.'),
    plugin: z
      .string()
      .regex(PLUGIN_NAME_PATTERN, { error: 'must be a plugin name as registered in Vault\'s plugin catalog, e.g. "vault-plugin-identity-delegation"' })
      .describe('Name of the identity-delegation secrets plugin in Vault\'s plugin catalog (the mount type).'),
    issuer: HttpUrl.optional().describe('iss of delegated tokens. Default: <vault address>/v1[/<namespace>]/<mount>.'),
    ttl: Duration.optional().describe('TTL of delegated tokens. Default 15m, at most 24h.'),
  })
  .describe('The RFC 8693 token-exchange engine (identity-delegation secrets plugin) actors exchange user tokens at.');

export const MayActForm = z.enum(['rfc8693', 'array']);

export const Delegation = z
  .strictObject({
    mayActForm: MayActForm.optional().describe(
      'Shape of the may_act claim in ID tokens. rfc8693 (default): one JSON object {client_id, sub}, as RFC 8693 §4.4 defines it; every user may then delegate to one agent at most. array: a list of such objects, the seed proof of concept\'s form, for users who delegate to several agents; a consumer must read the list.',
    ),
  })
  .describe('Settings of RFC 8693 delegation (agents.<a>.actsFor).');

export const Agent = z
  .strictObject({
    description: z.string().max(512).optional(),
    owner: z
      .string()
      .max(256)
      .regex(CLAIM_TEXT_PATTERN, { error: `must be ${CLAIM_TEXT_RULE}` })
      .optional()
      .describe("Who answers for this agent, e.g. a team. Written into the agent's entity metadata and its tokens (claim a2a_agent.owner), and into its registration."),
    ttl: AgentTtl.optional(),
    suppressions: z.array(AgentSuppression).optional().describe('Least-privilege findings accepted for this agent, each with a reason.'),
    url: HttpUrl.optional().describe('Where a server agent is reachable (its Agent Card base URL).'),
    skills: z.array(Skill).optional().describe('What a server agent serves.'),
    login: Login.optional(),
    oidc: Oidc.optional(),
    headless: z.boolean().optional().describe('Mint identity tokens (no browser) for its calls.'),
    registry: Registry.optional(),
    calls: z.array(Call).optional(),
    actsFor: ActsFor.optional(),
  })
  .describe('An A2A agent: a server (url, skills), a client (login, oidc/headless, calls), or both.');

export const Topology = z
  .strictObject({
    version: z.literal(1, { error: 'must be 1' }),
    name: Name.optional().describe('Name of the topology: the stack name and the OIDC signing key name. Default "a2a".'),
    vault: VaultSettings,
    defaults: Defaults.optional(),
    signingKey: SigningKey.optional(),
    authMounts: z.record(Name, AuthMount).optional(),
    users: z.record(Name, User).optional(),
    groups: z.record(Name, Group).optional(),
    externalGroups: z
      .record(Name, ExternalGroup)
      .optional()
      .describe('Groups whose members the identity provider decides: each is a Vault external group with one alias on an oidc or jwt mount.'),
    resourceServers: z.record(Name, ResourceServer).optional(),
    agents: z.record(Name, Agent),
    tokenExchange: TokenExchange.optional(),
    delegation: Delegation.optional(),
    audit: Audit.optional(),
  })
  .describe('cdktf-vault-a2a topology: agents, users and what each may do.');

export type Topology = z.input<typeof Topology>;
export type AgentSpec = z.input<typeof Agent>;
export type UserSpec = z.input<typeof User>;
export type LoginSpec = z.input<typeof Login>;
export type { ExternalGroupSpec } from './schema-identity';
export type SkillSpec = z.input<typeof Skill>;
export type CallSpec = z.input<typeof Call>;
export type AuthMountSpec = z.input<typeof AuthMount>;
export type AuthMountType = z.input<typeof AuthMountType>;
export type { RegistrySpec, ResourceServerSpec } from './schema-registry';
export type { AuditDeviceSpec, AuditSpec } from './schema-audit';
export type AgentSuppressionSpec = z.input<typeof AgentSuppression>;
export type TokenExchangeSpec = z.input<typeof TokenExchange>;
export type DelegationSpec = z.input<typeof Delegation>;
export type SigningKeySpec = z.input<typeof SigningKey>;
export type AgentTtlSpec = z.input<typeof AgentTtl>;
export type MayActForm = z.output<typeof MayActForm>;
