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
import type { AgentPolicy } from './agent-policy';
import type { AuthMountRef } from './auth-mount-ref';
import { checkNotReserved, checkUnique, checkVaultName, isToken, Issues } from './validate';
import { terraformText } from './terraform-text';

function terraformTextMap(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, terraformText(map[k]!)]));
}

export interface IdentityEntityProps {
  readonly name: string;
  /**
   * The login that maps to this entity: the mount and the alias name that login produces
   * (user name, `<namespace>/<serviceaccount>`, JWT subject, or an AppRole `roleId` reference).
   */
  readonly alias?: { readonly mount: AuthMountRef; readonly name: string };
  /**
   * Entity metadata: token templates read it (`{{identity.entity.metadata.<key>}}`). Keys are
   * identifier-like; values one line without "*" or "+", which Vault refuses to substitute.
   */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * Policies of the entity itself, which every token of the entity carries. Only for callers
   * without a token of their own (resource-server JWTs); never `root`.
   */
  readonly policies?: readonly (AgentPolicy | string)[];
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
    for (const [key, value] of Object.entries(props.metadata ?? {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(key)) issues.add(`metadata key ${JSON.stringify(key)} must be letters, digits and "_" (templates name it as identity.entity.metadata.<key>)`);
      // eslint-disable-next-line no-control-regex
      if (!isToken(value) && /[*+\u0000-\u001f\u007f]/.test(value)) issues.add(`metadata ${key} ${JSON.stringify(value)} contains "*", "+" or a control character; Vault refuses to put such a value into a token`);
    }
    const policies = (props.policies ?? []).map((p) => (typeof p === 'string' ? p : p.policyName));
    policies.forEach((p, i) => {
      checkVaultName(issues, `policies[${i}]`, p);
      checkNotReserved(issues, `policies[${i}]`, p, ['root'], 'grants everything');
    });
    checkUnique(issues, 'policies', policies);
    issues.throwIfAny(this);

    const metadata = props.metadata && Object.keys(props.metadata).length > 0 ? { metadata: terraformTextMap(props.metadata) } : {};
    this.resource = new IdentityEntityResource(this, 'Default', { name: props.name, ...metadata, ...(policies.length > 0 ? { policies } : {}) });
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
