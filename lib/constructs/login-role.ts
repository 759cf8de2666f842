/**
 * What the three login-role constructs share: the mount path, the role name, the policies the
 * token gets, and short token TTLs (15 minutes; the max TTL defaults to the TTL, so an agent logs
 * in again, which re-checks its binding, instead of renewing), and no `default` policy.
 *
 * Vault attaches its `default` policy to every token unless the role sets
 * `token_no_default_policy`. An agent's token needs none of it (it neither renews nor looks
 * itself up: its TTL is its max TTL, and an agent signs nobody in through the OIDC provider), so
 * the policies listed here are all the token can do. `keepDefaultPolicy: { reason }` restores it.
 */
import type { AgentPolicy } from './agent-policy';
import { checkNotReserved, checkTtl, checkUnique, checkVaultName, type Issues, DEFAULT_TOKEN_TTL_SECONDS } from './validate';

export interface LoginRoleProps {
  /** Path of the existing auth mount, without `auth/` (e.g. `kubernetes`). */
  readonly mountPath: string;
  readonly roleName: string;
  /** Policies the login token gets: constructs, or names of existing policies (never `root`). */
  readonly tokenPolicies: readonly (AgentPolicy | string)[];
  /** Default 15 minutes. */
  readonly tokenTtlSeconds?: number;
  /** Default: equal to `tokenTtlSeconds` (no renewal past the first TTL). */
  readonly tokenMaxTtlSeconds?: number;
  /** Keep Vault's `default` policy on the token (detached by default); say why. */
  readonly keepDefaultPolicy?: { readonly reason: string };
}

/** Mount paths as Vault writes them: segments of safe characters, no globs, no outer slashes. */
const MOUNT_PATH = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

export interface ResolvedLoginRole {
  readonly backend: string;
  readonly roleName: string;
  readonly tokenPolicies: string[];
  readonly tokenTtl: number;
  readonly tokenMaxTtl: number;
  readonly tokenNoDefaultPolicy: boolean;
}

/** Validates the shared props (adding to `issues`) and returns the resource attributes. */
export function resolveLoginRole(issues: Issues, props: LoginRoleProps): ResolvedLoginRole {
  const tokenTtl = props.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const tokenMaxTtl = props.tokenMaxTtlSeconds ?? tokenTtl;
  const tokenPolicies = props.tokenPolicies.map((p) => (typeof p === 'string' ? p : p.policyName));
  checkMountPath(issues, 'mountPath', props.mountPath);
  checkVaultName(issues, 'roleName', props.roleName);
  props.tokenPolicies.forEach((p, i) => {
    if (typeof p !== 'string') return;
    checkVaultName(issues, `tokenPolicies[${i}]`, p);
    checkNotReserved(issues, `tokenPolicies[${i}]`, p, ['root'], 'grants everything');
  });
  checkUnique(issues, 'tokenPolicies', tokenPolicies);
  checkTtl(issues, 'tokenTtlSeconds', tokenTtl);
  checkTtl(issues, 'tokenMaxTtlSeconds', tokenMaxTtl);
  if (tokenMaxTtl < tokenTtl) issues.add(`tokenMaxTtlSeconds (${tokenMaxTtl}) is below tokenTtlSeconds (${tokenTtl})`);
  if (props.keepDefaultPolicy !== undefined && props.keepDefaultPolicy.reason.trim() === '') {
    issues.add('keepDefaultPolicy needs a reason: the default policy adds token self-management and OIDC authorize rights');
  }
  return { backend: props.mountPath, roleName: props.roleName, tokenPolicies, tokenTtl, tokenMaxTtl, tokenNoDefaultPolicy: props.keepDefaultPolicy === undefined };
}

export function checkMountPath(issues: Issues, field: string, path: string): void {
  if (!MOUNT_PATH.test(path)) {
    issues.add(`${field} ${JSON.stringify(path)} must be a mount path such as "kubernetes" or "k8s/prod" (no "auth/", no outer "/", no "*")`);
  }
}
