/**
 * `IdentityEntity`: a Vault identity entity for a user or an agent (`vault_identity_entity`),
 * with an optional alias on an auth mount (`vault_identity_entity_alias`). Creating the entity and
 * alias in advance (instead of letting the first login create them) is what makes it possible to
 * name the entity in assignments, groups and delegation claims before anyone logs in.
 * No policies are attached to the entity: they come from the login role, scoped to one login.
 */
import { IdentityEntity as IdentityEntityResource } from '@cdktf/provider-vault/lib/identity-entity';
import { IdentityEntityAlias } from '@cdktf/provider-vault/lib/identity-entity-alias';
import { Construct } from 'constructs';
import type { AuthMountRef } from './auth-mount-ref';
import { checkVaultName, isToken, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface IdentityEntityProps {
  readonly name: string;
  /**
   * The login that maps to this entity: the mount and the alias name that login produces
   * (user name, `<namespace>/<serviceaccount>`, JWT subject, or an AppRole `roleId` reference).
   */
  readonly alias?: { readonly mount: AuthMountRef; readonly name: string };
}

export class IdentityEntity extends Construct {
  readonly resource: IdentityEntityResource;
  readonly aliasResource?: IdentityEntityAlias;
  /** The entity id (a reference). */
  readonly entityId: string;
  /** The entity name as given (plain string). */
  readonly entityName: string;

  constructor(scope: Construct, id: string, props: IdentityEntityProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    const alias = props.alias;
    if (alias && !isToken(alias.name) && alias.name.trim() === '') issues.add('alias.name is empty; give the exact login name');
    issues.throwIfAny(this);

    this.resource = new IdentityEntityResource(this, 'Default', { name: props.name });
    this.entityId = this.resource.id;
    this.entityName = props.name;
    if (alias) {
      this.aliasResource = new IdentityEntityAlias(this, 'alias', {
        name: terraformText(alias.name),
        mountAccessor: alias.mount.accessor,
        canonicalId: this.entityId,
      });
    }
  }
}
