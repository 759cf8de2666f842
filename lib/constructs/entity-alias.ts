/**
 * `EntityAlias`: one more alias of an entity (`vault_identity_entity_alias`), beside the alias its
 * login gives it: (accessor, name) is how Vault resolves a caller to the entity. Used for the
 * resource-server JWTs of registered agents (docs/agent-registry.md), where the accessor is the
 * topology's explicit choice. The name must be exact: no wildcard, no surrounding space.
 */
import { IdentityEntityAlias } from '@cdktf/provider-vault/lib/identity-entity-alias';
import { Construct } from 'constructs';
import type { IdentityEntity } from './identity-entity';
import { terraformText } from './terraform-text';
import { checkNoWildcard, isToken, Issues } from './validate';

export interface EntityAliasProps {
  readonly entity: IdentityEntity;
  /** The accessor: a literal (`auth_jwt_1a2b3c4d`) or a reference (`AuthMountRef.accessor`). */
  readonly mountAccessor: string;
  /** The name the caller presents on that accessor (e.g. the JWT's user-claim value). */
  readonly name: string;
}

export class EntityAlias extends Construct {
  readonly resource: IdentityEntityAlias;

  constructor(scope: Construct, id: string, props: EntityAliasProps) {
    super(scope, id);
    const issues = new Issues();
    checkNoWildcard(issues, 'name', props.name);
    checkNoWildcard(issues, 'mountAccessor', props.mountAccessor);
    for (const [field, value] of [['name', props.name], ['mountAccessor', props.mountAccessor]] as const) {
      if (!isToken(value) && value.trim() !== value) issues.add(`${field} ${JSON.stringify(value)} has surrounding whitespace; Vault compares it exactly`);
    }
    issues.throwIfAny(this);
    this.resource = new IdentityEntityAlias(this, 'Default', {
      name: terraformText(props.name),
      mountAccessor: isToken(props.mountAccessor) ? props.mountAccessor : terraformText(props.mountAccessor),
      canonicalId: props.entity.entityId,
    });
  }
}
