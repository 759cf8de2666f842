/**
 * Rules for `agents.<a>.login`: the mount exists and is one agents log in with, and the login
 * names exactly the bindings that mount type uses (so the login role can pin one identity).
 */
import { cidrProblem } from '../vault/cidr';
import { MAX_SECRET_ID_TTL_SECONDS } from '../vault/ttl-limits';
import type { DraftIssue, IssuePath } from './path';
import { asList, asMap, asString, get, has, type RawMap } from './raw';
import { mountsOfTypes, mountTypeOf, type ResolveContext, type TopologyIndex } from './topology-index';
import { checkCertLogin } from './validate-cert-login';
import type { AuthMountType } from './schema';
import { chooseFix } from './suggest';
import { checkDuration } from './validate-settings';

type LoginField =
  | 'serviceAccount'
  | 'namespace'
  | 'subject'
  | 'audiences'
  | 'audience'
  | 'secretIdTtl'
  | 'secretIdNumUses'
  | 'secretIdBoundCidrs'
  | 'tokenBoundCidrs'
  | 'caCertificate'
  | 'commonName'
  | 'uriSan';
type LoginMountType = Extract<AuthMountType, 'kubernetes' | 'jwt' | 'approle' | 'cert'>;

const LOGIN_TYPES: readonly LoginMountType[] = ['kubernetes', 'jwt', 'approle', 'cert'];
const LOGIN_TYPES_TEXT = 'kubernetes, jwt, approle or cert';

/** The fields each login type requires; every other login field is forbidden for it. */
const REQUIRED: Readonly<Record<LoginMountType, readonly LoginField[]>> = {
  kubernetes: ['serviceAccount', 'namespace'],
  jwt: ['subject', 'audiences'],
  approle: [],
  cert: ['caCertificate'],
};
/** Fields a login type allows without requiring them. */
const OPTIONAL: Readonly<Record<LoginMountType, readonly LoginField[]>> = {
  kubernetes: ['audience'],
  jwt: [],
  approle: ['secretIdTtl', 'secretIdNumUses', 'secretIdBoundCidrs', 'tokenBoundCidrs'],
  // Exactly one of the two, checked in validate-cert-login.ts.
  cert: ['commonName', 'uriSan'],
};
const ALL_FIELDS: readonly LoginField[] = [
  'serviceAccount',
  'namespace',
  'subject',
  'audiences',
  'audience',
  'secretIdTtl',
  'secretIdNumUses',
  'secretIdBoundCidrs',
  'tokenBoundCidrs',
  'caCertificate',
  'commonName',
  'uriSan',
];

const FIELD_HELP: Readonly<Record<LoginField, string>> = {
  serviceAccount: 'the one Kubernetes service account allowed to log in',
  namespace: 'the Kubernetes namespace of that service account',
  subject: 'the JWT subject bound to this agent, e.g. a SPIFFE ID',
  audiences: 'the audiences its JWTs carry, e.g. ["vault"]',
  audience: 'the audience its service account token carries, e.g. "vault"',
  secretIdTtl: 'how long a secret id lives',
  secretIdNumUses: 'how many logins one secret id allows',
  secretIdBoundCidrs: 'the networks a secret id may be used from',
  tokenBoundCidrs: 'the networks the login token may be used from',
  caCertificate: 'the PEM file of the CA that issues its client certificates, relative to the topology file',
  commonName: "its client certificate's common name",
  uriSan: "its client certificate's URI SAN, e.g. a SPIFFE ID",
};

const BOUND_BY: Readonly<Record<LoginMountType, string>> = {
  kubernetes: 'kubernetes logins are bound by serviceAccount and namespace',
  jwt: 'jwt logins are bound by subject and audiences',
  approle: 'approle logins are bound by the role id and secret id Vault generates',
  cert: 'cert logins are bound by caCertificate and one of commonName or uriSan',
};

/** Only AppRole has secret ids; the CIDR bindings are offered where the topology can state them (AppRole). */
const NOT_FOR_OTHERS: Partial<Record<LoginField, string>> = {
  secretIdTtl: 'only AppRole logins have secret ids',
  secretIdNumUses: 'only AppRole logins have secret ids',
  secretIdBoundCidrs: 'only AppRole logins have secret ids',
  tokenBoundCidrs: 'network bindings are offered for AppRole logins',
};

function checkLogin(agentName: string, login: RawMap, index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const at: IssuePath = ['agents', agentName, 'login'];
  const mount = asString(get(login, 'mount'));
  if (mount === undefined) return [];
  const loginMounts = mountsOfTypes(index, LOGIN_TYPES);
  if (!index.mounts.has(mount)) {
    return [
      {
        path: [...at, 'mount'],
        anchor: 'value',
        message: `unknown auth mount "${mount}"`,
        fix: chooseFix(mount, loginMounts, `add authMounts.${mount} with type ${LOGIN_TYPES_TEXT} and its path`),
      },
    ];
  }
  const type = mountTypeOf(index, mount);
  if (type === undefined) return []; // the mount's own type is a schema issue
  if (!(LOGIN_TYPES as readonly string[]).includes(type)) {
    return [
      {
        path: [...at, 'mount'],
        anchor: 'value',
        message: `auth mount "${mount}" is a ${type} mount; agents log in with a ${LOGIN_TYPES_TEXT} mount`,
        fix: chooseFix(mount, loginMounts, `add a ${LOGIN_TYPES_TEXT} mount under authMounts and use it here`),
      },
    ];
  }
  const loginType = type as LoginMountType;
  const issues: DraftIssue[] = [];
  const kind = asString(get(login, 'kind'));
  if (kind !== undefined && (LOGIN_TYPES as readonly string[]).includes(kind) && kind !== loginType) {
    issues.push({
      path: [...at, 'kind'],
      anchor: 'value',
      message: `says ${kind}, but auth mount "${mount}" is a ${loginType} mount`,
      fix: chooseFix(mount, mountsOfTypes(index, [kind as LoginMountType]), `use a ${kind} mount, or remove kind (it defaults to the mount's type)`),
    });
  }
  for (const field of ALL_FIELDS) {
    const required = REQUIRED[loginType].includes(field);
    if (required && !has(login, field)) {
      issues.push({
        path: [...at, field],
        anchor: 'parent',
        missing: true,
        message: `is required for a ${loginType} login (mount "${mount}")`,
        fix: `add "${field}": ${FIELD_HELP[field]}`,
      });
    } else if (required && field === 'audiences' && asList(get(login, field))?.length === 0) {
      issues.push({
        path: [...at, field],
        anchor: 'value',
        message: `must not be empty for a jwt login (mount "${mount}")`,
        fix: `list ${FIELD_HELP[field]}`,
      });
    } else if (!required && !OPTIONAL[loginType].includes(field) && has(login, field)) {
      issues.push({
        path: [...at, field],
        anchor: 'key',
        message: `is not allowed for a ${loginType} login (mount "${mount}")`,
        fix: `remove it: ${NOT_FOR_OTHERS[field] ?? BOUND_BY[loginType]}`,
      });
    }
  }
  if (loginType === 'approle') issues.push(...checkAppRole(login, at));
  if (loginType === 'cert') issues.push(...checkCertLogin(agentName, login, ctx));
  return issues;
}

/** Secret id lifetime within bounds; every CIDR block parses and binds something, once. */
function checkAppRole(login: RawMap, at: IssuePath): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const ttl = get(login, 'secretIdTtl');
  if (typeof ttl === 'number' || typeof ttl === 'string') {
    const problem = checkDuration(ttl, [...at, 'secretIdTtl'], {
      max: MAX_SECRET_ID_TTL_SECONDS,
      why: 'a secret id is a bootstrap credential: deliver a fresh one (e.g. response-wrapped) instead of keeping one for long',
      fallback: 'the 1h default',
    });
    if (problem) issues.push(problem);
  }
  for (const field of ['secretIdBoundCidrs', 'tokenBoundCidrs'] as const) {
    const seen = new Map<string, number>();
    (asList(get(login, field)) ?? []).forEach((cidr, i) => {
      if (typeof cidr !== 'string') return;
      const path = [...at, field, i];
      const problem = cidrProblem(cidr);
      if (problem) issues.push({ path, anchor: 'value', ...problem });
      const first = seen.get(cidr);
      if (first !== undefined) issues.push({ path, anchor: 'value', message: `${JSON.stringify(cidr)} is listed twice (also [${first}])`, fix: 'list it once' });
      else seen.set(cidr, i);
    });
  }
  return issues;
}

/**
 * Warnings, not errors: a kubernetes login without `audience`. Vault then accepts a token of the
 * service account issued for any audience (the API server's default token too), and warns on
 * every write of the role (vault-plugin-auth-kubernetes, path_role.go).
 */
export function loginWarnings(index: TopologyIndex): DraftIssue[] {
  return [...index.agents].flatMap(([name, agent]): DraftIssue[] => {
    const login = asMap(get(agent, 'login'));
    const mount = asString(get(login, 'mount'));
    if (login === undefined || mount === undefined || mountTypeOf(index, mount) !== 'kubernetes' || has(login, 'audience')) return [];
    return [
      {
        path: ['agents', name, 'login'],
        anchor: 'key',
        message: `kubernetes login without "audience": Vault accepts a token of ${String(get(login, 'namespace'))}/${String(get(login, 'serviceAccount'))} issued for any audience, and warns on every write of the role`,
        fix: 'add audience: vault (or the audience your Vault Agent / Secrets Operator requests) and give the pod a service account token projected for that audience',
      },
    ];
  });
}

export function checkLogins(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  return [...index.agents].flatMap(([name, agent]) => {
    const login = asMap(get(agent, 'login'));
    return login === undefined ? [] : checkLogin(name, login, index, ctx);
  });
}
