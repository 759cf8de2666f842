/**
 * `OidcScope`: one OAuth scope of Vault's OIDC provider (`vault_identity_oidc_scope`). Its
 * template adds claims to ID tokens and userinfo; registered claims (`sub`, `aud`, …) are refused
 * so a scope cannot forge who the token is about or for.
 */
import { IdentityOidcScope } from '@cdktf/provider-vault/lib/identity-oidc-scope';
import { Construct } from 'constructs';
import { claimTemplateJson, type ClaimTemplate } from './claim-template';
import { checkNotReserved, checkVaultName, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface OidcScopeProps {
  /** The OAuth scope string clients request. */
  readonly name: string;
  /** JSON object (text or data) of the claims this scope adds. */
  readonly template: string | ClaimTemplate;
  readonly description?: string;
}

export class OidcScope extends Construct {
  readonly resource: IdentityOidcScope;
  /** The scope name as a reference, so providers listing it are created after it. */
  readonly scopeName: string;

  constructor(scope: Construct, id: string, props: OidcScopeProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    // `openid` is Vault's built-in scope; it cannot be redefined.
    checkNotReserved(issues, 'name', props.name, ['openid']);
    const template = claimTemplateJson(issues, 'template', props.template);
    issues.throwIfAny(this);

    this.resource = new IdentityOidcScope(this, 'Default', {
      name: props.name,
      template,
      ...(props.description !== undefined ? { description: terraformText(props.description) } : {}),
    });
    this.scopeName = this.resource.name;
  }
}
