/**
 * `OidcAssignment`: who may sign in through a client (`vault_identity_oidc_assignment`).
 * The built-in assignment `allow_all` admits every entity, so its name is refused; an assignment
 * lists exact entity and group ids (normally references to `IdentityEntity.entityId` and
 * `IdentityGroup.groupId`).
 */
import { IdentityOidcAssignment } from '@cdktf/provider-vault/lib/identity-oidc-assignment';
import { Construct } from 'constructs';
import { checkNoWildcard, checkNotReserved, checkUnique, checkVaultName, Issues } from './validate';

export interface OidcAssignmentProps {
  readonly name: string;
  /** Entity ids admitted directly. */
  readonly entityIds?: readonly string[];
  /** Group ids whose members are admitted. */
  readonly groupIds?: readonly string[];
}

export class OidcAssignment extends Construct {
  readonly resource: IdentityOidcAssignment;
  /** The assignment name as a reference, so a client naming it is created after it. */
  readonly assignmentName: string;

  constructor(scope: Construct, id: string, props: OidcAssignmentProps) {
    super(scope, id);
    const entityIds = props.entityIds ?? [];
    const groupIds = props.groupIds ?? [];
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkNotReserved(issues, 'name', props.name, ['allow_all'], 'is the built-in assignment that admits every entity');
    entityIds.forEach((e, i) => checkNoWildcard(issues, `entityIds[${i}]`, e));
    groupIds.forEach((g, i) => checkNoWildcard(issues, `groupIds[${i}]`, g));
    checkUnique(issues, 'entityIds', entityIds);
    checkUnique(issues, 'groupIds', groupIds);
    issues.throwIfAny(this);

    this.resource = new IdentityOidcAssignment(this, 'Default', {
      name: props.name,
      entityIds: [...entityIds],
      groupIds: [...groupIds],
    });
    this.assignmentName = this.resource.name;
  }
}
