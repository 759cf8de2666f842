/**
 * Topology-level cases: two names that would become one Vault object (one alias, one entity, one
 * mount, one profile) must be refused by `vault-a2a validate` (exit 2) naming both places, and by
 * `synth` (exit 2, nothing written). Their distinct counterparts must validate and synthesize.
 */

export interface Place {
  /** Dotted topology path of the place, as validate prints paths. */
  readonly path: string;
  /** The name a message may use for it instead (`auth mount "k8s"`). */
  readonly name: string;
}

export interface Collision {
  /** Under test/intent-mutations/topologies/collisions/. */
  readonly file: string;
  readonly places: readonly [Place, Place];
  readonly why: string;
}

export interface Distinct {
  /** Under test/intent-mutations/topologies/distinct/. */
  readonly file: string;
  readonly why: string;
}

export const COLLISIONS: readonly Collision[] = [
  {
    file: 'k8s-shared-service-account.yaml',
    places: [
      { path: 'agents.reader.login', name: 'reader' },
      { path: 'agents.writer.login', name: 'writer' },
    ],
    why: 'both roles yield alias jobs/worker on one accessor: one entity for two agents, and each role admits the other\'s pods [A1, A4].',
  },
  {
    file: 'k8s-shared-service-account-anchor.yaml',
    places: [
      { path: 'agents.reader.login', name: 'reader' },
      { path: 'agents.writer.login', name: 'writer' },
    ],
    why: 'the same collision through a YAML anchor and alias [A1, A4].',
  },
  {
    file: 'jwt-shared-subject.yaml',
    places: [
      { path: 'agents.reader.login', name: 'reader' },
      { path: 'agents.writer.login', name: 'writer' },
    ],
    why: 'the alias of a JWT login is the subject (user_claim sub): one alias and one entity for two agents; audiences differ but are not part of the alias [A2, A4].',
  },
  {
    file: 'user-alias-is-other-user.yaml',
    places: [
      { path: 'users.alice', name: 'alice' },
      { path: 'users.mallory', name: 'mallory' },
    ],
    why: 'userpass alias = user name: mallory\'s alias alice is alice\'s alias on the same accessor [A4].',
  },
  {
    file: 'users-share-alias.yaml',
    places: [
      { path: 'users.ann', name: 'ann' },
      { path: 'users.anne', name: 'anne' },
    ],
    why: 'two users with one explicit alias on one mount are one Vault identity [A4].',
  },
  {
    file: 'user-alias-case-folded.yaml',
    places: [
      { path: 'users.alice', name: 'alice' },
      { path: 'users.alice-admin', name: 'alice-admin' },
    ],
    why: 'userpass lower-cases the user name at login (builtin/credential/userpass/path_login.go), so the alias "Alice" is the account alice [A4].',
  },
  {
    file: 'mounts-share-path.yaml',
    places: [
      { path: 'authMounts.k8s', name: 'k8s' },
      { path: 'authMounts.cluster', name: 'cluster' },
    ],
    why: 'two mount names for one path are one accessor, so reader and writer get one alias [A4].',
  },
  {
    file: 'user-and-agent-share-jwt-mount.yaml',
    places: [
      { path: 'authMounts.sso', name: 'sso' },
      { path: 'authMounts.svid', name: 'svid' },
    ],
    why: "an oidc and a jwt mount at one path are one JWT/OIDC mount: eve's alias equals worker's subject, one entity for a user and an agent [A2, A4].",
  },
  {
    file: 'user-and-agent-same-name.yaml',
    places: [
      { path: 'users.chat', name: 'chat' },
      { path: 'agents.chat', name: 'chat' },
    ],
    why: 'entity names are the topology names: the user chat and the agent chat would be one entity [A4].',
  },
  {
    file: 'resource-servers-share-issuer.yaml',
    places: [
      { path: 'resourceServers.corporate-idp', name: 'corporate-idp' },
      { path: 'resourceServers.partner-idp', name: 'partner-idp' },
    ],
    why: 'Vault keeps one resource-server profile per issuer_id in a namespace: two names for one issuer [G, vault-facts profile].',
  },
];

export const DISTINCT: readonly Distinct[] = [
  { file: 'same-service-account-other-namespaces.yaml', why: 'aliases jobs/worker and batch/worker differ [A1, A4].' },
  { file: 'same-subject-other-mounts.yaml', why: 'one subject on two mounts: two accessors, two aliases [A4].' },
  { file: 'same-service-account-other-clusters.yaml', why: 'one service account on two Kubernetes mounts: two accessors [A4].' },
  { file: 'same-alias-other-mounts.yaml', why: 'one login name on a userpass and an oidc mount: two accessors [A4].' },
  { file: 'two-approle-agents.yaml', why: 'each AppRole alias is its own generated role_id [A3, A4].' },
];
