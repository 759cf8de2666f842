/**
 * `ExternalGroup`: a Vault identity group whose members the identity provider decides
 * (`vault_identity_group` with `type = "external"`) and its one group alias
 * (`vault_identity_group_alias`) on the oidc or jwt mount users log in with. At each login on that
 * mount Vault adds the entity to the external groups whose alias names a value of the role's
 * groups claim, and removes it from those it no longer names. Vault refuses listed members on an
 * external group, and this construct attaches no policies: what the group may do is granted
 * elsewhere, by reference to `groupId` (an OIDC assignment, say).
 */
import { IdentityGroup as IdentityGroupResource } from '@cdktf/provider-vault/lib/identity-group';
import { IdentityGroupAlias } from '@cdktf/provider-vault/lib/identity-group-alias';
import { Construct } from 'constructs';
import type { AuthMountRef } from './auth-mount-ref';
import { checkNoWildcard, checkVaultName, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface ExternalGroupProps {
  readonly name: string;
  /** Stored as group metadata `description`. */
  readonly description?: string;
  /** The oidc or jwt mount whose logins carry the IdP group in their groups claim. */
  readonly mount: AuthMountRef;
  /** The IdP group's name, as the groups claim carries it. */
  readonly idpGroup: string;
}

export class ExternalGroup extends Construct {
  readonly resource: IdentityGroupResource;
  readonly aliasResource: IdentityGroupAlias;
  /** The group id (a reference). */
  readonly groupId: string;

  constructor(scope: Construct, id: string, props: ExternalGroupProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    if (props.idpGroup.trim() === '') issues.add('idpGroup must name the group at the identity provider');
    checkNoWildcard(issues, 'idpGroup', props.idpGroup);
    issues.throwIfAny(this);

    this.resource = new IdentityGroupResource(this, 'Default', {
      name: props.name,
      type: 'external',
      ...(props.description !== undefined ? { metadata: { description: terraformText(props.description) } } : {}),
    });
    this.aliasResource = new IdentityGroupAlias(this, 'Alias', {
      name: terraformText(props.idpGroup),
      mountAccessor: props.mount.accessor,
      canonicalId: this.resource.id,
    });
    this.groupId = this.resource.id;
  }
}
