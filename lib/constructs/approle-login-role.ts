/**
 * `AppRoleLoginRole`: an AppRole login for an agent (`vault_approle_auth_backend_role`). A secret
 * id is required (`bind_secret_id` stays at its default, true). The entity alias of an AppRole
 * login is the role's generated `role_id`, exposed as `roleId` for `IdentityEntity` aliases.
 *
 * Secret ids expire and allow a bounded number of logins. Vault's defaults are the opposite
 * (`secret_id_ttl` 0: never expires; `secret_id_num_uses` 0: unlimited; approle API docs), and
 * the provider sends neither unless set, so both are always written here: 1 hour, and the logins
 * that hour needs at the login-token TTL plus one.
 */
import { ApproleAuthBackendRole } from '@cdktf/provider-vault/lib/approle-auth-backend-role';
import { Construct } from 'constructs';
import { cidrProblem } from '../vault/cidr';
import { DEFAULT_SECRET_ID_TTL_SECONDS, MAX_SECRET_ID_TTL_SECONDS } from '../vault/ttl-limits';
import { resolveLoginRole, type LoginRoleProps } from './login-role';
import { checkTtl, checkUnique, Issues, isToken } from './validate';

export interface AppRoleLoginRoleProps extends LoginRoleProps {
  /** Lifetime of secret ids issued for this role. Default 1 hour, at most 24 hours. */
  readonly secretIdTtlSeconds?: number;
  /** Logins one secret id allows. Default: ceil(secret id TTL / token TTL) + 1. Never 0 (unlimited). */
  readonly secretIdNumUses?: number;
  /** Networks (CIDR blocks) a secret id may log in from. Default: anywhere. */
  readonly secretIdBoundCidrs?: readonly string[];
  /** Networks (CIDR blocks) the login token may be used from. Default: anywhere. */
  readonly tokenBoundCidrs?: readonly string[];
}

export class AppRoleLoginRole extends Construct {
  readonly resource: ApproleAuthBackendRole;
  /** The generated role id (a reference): the alias name of logins through this role. */
  readonly roleId: string;

  constructor(scope: Construct, id: string, props: AppRoleLoginRoleProps) {
    super(scope, id);
    const issues = new Issues();
    const role = resolveLoginRole(issues, props);
    const secretIdTtl = props.secretIdTtlSeconds ?? DEFAULT_SECRET_ID_TTL_SECONDS;
    checkTtl(issues, 'secretIdTtlSeconds', secretIdTtl, MAX_SECRET_ID_TTL_SECONDS);
    const numUses = props.secretIdNumUses ?? Math.ceil(secretIdTtl / role.tokenTtl) + 1;
    if (!Number.isInteger(numUses) || numUses < 1) issues.add(`secretIdNumUses must be a whole number of at least 1 (Vault reads 0 as unlimited), got ${numUses}`);
    for (const field of ['secretIdBoundCidrs', 'tokenBoundCidrs'] as const) {
      const cidrs = props[field] ?? [];
      cidrs.forEach((cidr, i) => {
        const problem = isToken(cidr) ? undefined : cidrProblem(cidr);
        if (problem) issues.add(`${field}[${i}]: ${problem.message}; ${problem.fix}`);
      });
      checkUnique(issues, field, cidrs);
    }
    issues.throwIfAny(this);

    this.resource = new ApproleAuthBackendRole(this, 'Default', {
      backend: role.backend,
      roleName: role.roleName,
      tokenPolicies: role.tokenPolicies,
      tokenTtl: role.tokenTtl,
      tokenMaxTtl: role.tokenMaxTtl,
      tokenNoDefaultPolicy: role.tokenNoDefaultPolicy,
      secretIdTtl,
      secretIdNumUses: numUses,
      ...(props.secretIdBoundCidrs?.length ? { secretIdBoundCidrs: [...props.secretIdBoundCidrs] } : {}),
      ...(props.tokenBoundCidrs?.length ? { tokenBoundCidrs: [...props.tokenBoundCidrs] } : {}),
    });
    this.roleId = this.resource.roleId;
  }
}
