/**
 * `JwtLoginRole`: lets a workload holding a JWT for one exact subject and audience log in
 * (`vault_jwt_auth_backend_role`, e.g. SPIFFE JWT-SVIDs). `user_claim = "sub"` makes the entity
 * alias the subject, known in advance; `bound_subject` and `bound_audiences` pin the token to one
 * workload and to Vault as its audience.
 */
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Construct } from 'constructs';
import { resolveLoginRole, type LoginRoleProps } from './login-role';
import { checkNoWildcard, checkNonEmpty, checkUnique, Issues } from './validate';
import { terraformText, terraformTexts } from './terraform-text';

export interface JwtLoginRoleProps extends LoginRoleProps {
  /** The one `sub` allowed, e.g. `spiffe://example.org/ns/default/sa/chat`. */
  readonly subject: string;
  /** Accepted `aud` values; at least one, so a token minted for another service is refused. */
  readonly audiences: readonly string[];
}

export class JwtLoginRole extends Construct {
  readonly resource: JwtAuthBackendRole;
  /** The entity alias name a login through this role produces (the subject). */
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: JwtLoginRoleProps) {
    super(scope, id);
    const issues = new Issues();
    const role = resolveLoginRole(issues, props);
    checkNoWildcard(issues, 'subject', props.subject);
    checkNonEmpty(issues, 'audiences', props.audiences, 'list the audience the workload requests its token for');
    props.audiences.forEach((a, i) => checkNoWildcard(issues, `audiences[${i}]`, a));
    checkUnique(issues, 'audiences', props.audiences);
    issues.throwIfAny(this);

    this.resource = new JwtAuthBackendRole(this, 'Default', {
      backend: role.backend,
      roleName: role.roleName,
      roleType: 'jwt',
      userClaim: 'sub',
      boundSubject: terraformText(props.subject),
      boundAudiences: terraformTexts(props.audiences),
      tokenPolicies: role.tokenPolicies,
      tokenTtl: role.tokenTtl,
      tokenMaxTtl: role.tokenMaxTtl,
      tokenNoDefaultPolicy: role.tokenNoDefaultPolicy,
    });
    this.aliasName = props.subject;
  }
}
