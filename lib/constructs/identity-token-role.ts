/**
 * `IdentityTokenRole`: a role agents read (`identity/oidc/token/<role>`) to mint an identity token
 * without a browser (`vault_identity_oidc_role`). Vault computes the role's `client_id`, which
 * becomes the token's `aud`; the role registers it on its key, so the key signs for this role
 * and for nothing it was not told about. Tokens default to 15 minutes.
 */
import { IdentityOidcRole } from '@cdktf/provider-vault/lib/identity-oidc-role';
import { Construct } from 'constructs';
import { claimTemplateJson, type ClaimTemplate } from './claim-template';
import type { OidcKey } from './oidc-key';
import { checkTtl, checkVaultName, DEFAULT_TOKEN_TTL_SECONDS, Issues } from './validate';

export interface IdentityTokenRoleProps {
  readonly name: string;
  readonly key: OidcKey;
  /** JSON object (text or data) of the claims the token carries besides the registered ones. */
  readonly template: string | ClaimTemplate;
  /** Default 15 minutes. */
  readonly ttlSeconds?: number;
}

export class IdentityTokenRole extends Construct {
  readonly resource: IdentityOidcRole;
  /** The role name as a reference. */
  readonly roleName: string;
  /** Vault-computed client id (a reference): the `aud` of every token this role mints. */
  readonly clientId: string;

  constructor(scope: Construct, id: string, props: IdentityTokenRoleProps) {
    super(scope, id);
    const ttl = props.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    const template = claimTemplateJson(issues, 'template', props.template);
    checkTtl(issues, 'ttlSeconds', ttl);
    issues.throwIfAny(this);

    this.resource = new IdentityOidcRole(this, 'Default', {
      name: props.name,
      key: props.key.keyName,
      template,
      ttl,
    });
    this.roleName = this.resource.name;
    this.clientId = this.resource.clientId;
    props.key.allowClient(`identity-token-role-${props.name}`, this.clientId);
  }
}
