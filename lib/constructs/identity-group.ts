/**
 * `IdentityGroup`: an internal Vault identity group (`vault_identity_group`) whose members are
 * exactly the entities passed in, by reference. The group resource owns its member list, so a
 * member added by hand in Vault shows up as drift instead of silently gaining access.
 */
import { IdentityGroup as IdentityGroupResource } from '@cdktf/provider-vault/lib/identity-group';
import { Construct } from 'constructs';
import type { IdentityEntity } from './identity-entity';
import { checkVaultName, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface IdentityGroupProps {
  readonly name: string;
  /** Stored as group metadata `description` (the resource has no description field). */
  readonly description?: string;
  readonly members: readonly IdentityEntity[];
}

export class IdentityGroup extends Construct {
  readonly resource: IdentityGroupResource;
  /** The group id (a reference). */
  readonly groupId: string;

  constructor(scope: Construct, id: string, props: IdentityGroupProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    const names = props.members.map((m) => m.entityName);
    if (new Set(names).size !== names.length) issues.add('members lists an entity twice');
    issues.throwIfAny(this);

    this.resource = new IdentityGroupResource(this, 'Default', {
      name: props.name,
      type: 'internal',
      memberEntityIds: props.members.map((m) => m.entityId),
      ...(props.description !== undefined ? { metadata: { description: terraformText(props.description) } } : {}),
    });
    this.groupId = this.resource.id;
  }
}
