/**
 * `AppRoleLoginRole`: an AppRole login for an agent (`vault_approle_auth_backend_role`). A secret
 * id is required (`bind_secret_id` stays at its default, true). The entity alias of an AppRole
 * login is the role's generated `role_id`, exposed as `roleId` for `IdentityEntity` aliases.
 */
import { ApproleAuthBackendRole } from '@cdktf/provider-vault/lib/approle-auth-backend-role';
import { Construct } from 'constructs';
import { resolveLoginRole, type LoginRoleProps } from './login-role';
import { checkTtl, Issues } from './validate';

export interface AppRoleLoginRoleProps extends LoginRoleProps {
  /** Lifetime of secret ids issued for this role; unset ⇒ Vault's default (no expiry). */
  readonly secretIdTtlSeconds?: number;
}

export class AppRoleLoginRole extends Construct {
  readonly resource: ApproleAuthBackendRole;
  /** The generated role id (a reference): the alias name of logins through this role. */
  readonly roleId: string;

  constructor(scope: Construct, id: string, props: AppRoleLoginRoleProps) {
    super(scope, id);
    const issues = new Issues();
    const role = resolveLoginRole(issues, props);
    if (props.secretIdTtlSeconds !== undefined) checkTtl(issues, 'secretIdTtlSeconds', props.secretIdTtlSeconds);
    issues.throwIfAny(this);

    this.resource = new ApproleAuthBackendRole(this, 'Default', {
      backend: role.backend,
      roleName: role.roleName,
      tokenPolicies: role.tokenPolicies,
      tokenTtl: role.tokenTtl,
      tokenMaxTtl: role.tokenMaxTtl,
      tokenNoDefaultPolicy: role.tokenNoDefaultPolicy,
      ...(props.secretIdTtlSeconds !== undefined ? { secretIdTtl: props.secretIdTtlSeconds } : {}),
    });
    this.roleId = this.resource.roleId;
  }
}
