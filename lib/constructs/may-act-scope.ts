/**
 * `MayActScope`: an OIDC scope (`vault_identity_oidc_scope`) whose template adds the RFC 8693
 * `may_act` claim: the actor allowed to exchange the user's ID token, as
 * `{"client_id": <actor-token role client_id>, "sub": <actor entity id>}`.
 *
 * Two forms (`form`): `rfc8693` (default) is RFC 8693 §4.4's: one JSON object naming one party,
 * so exactly one actor. `array` is the seed proof of concept's: a list of such objects, for users
 * who delegate to several actors; whoever reads the claim must expect a list.
 *
 * Vault's identity templating can only insert strings and lists of names, so the claim cannot
 * be computed per user: the list is fixed in the template, by Terraform reference (the ids exist
 * only after apply), and every user of a provider offering this scope gets the same list. That is
 * why the compiler gives each delegation set its own client and provider.
 *
 * `OidcScope` refuses `${` in templates (Terraform would evaluate it); here that evaluation is the
 * point, and only references this construct builds itself reach the template. Vault client ids
 * and entity ids are alphanumeric with "-", so interpolating them inside JSON strings keeps the
 * template valid JSON.
 */
import { IdentityOidcScope } from '@cdktf/provider-vault/lib/identity-oidc-scope';
import { Construct } from 'constructs';
import { MAY_ACT_CLAIM } from '../plan/naming';
import { checkNonEmpty, checkNotReserved, checkUnique, checkVaultName, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface MayActActor {
  /** The actor's OAuth client id: the `client_id` of its actor-token role (a reference). */
  readonly clientId: string;
  /** The actor's Vault entity id (a reference): the `sub` of its tokens. */
  readonly entityId: string;
}

export interface MayActScopeProps {
  readonly name: string;
  /** The actors, in the order the claim lists them; at least one (exactly one in the rfc8693 form). */
  readonly actors: readonly MayActActor[];
  /** `rfc8693` (default): `"may_act": {client_id, sub}`; `array`: `"may_act": [{client_id, sub}, …]`. */
  readonly form?: 'rfc8693' | 'array';
  readonly description?: string;
}

export class MayActScope extends Construct {
  readonly resource: IdentityOidcScope;
  /** The scope name as a reference, so providers listing it are created after it. */
  readonly scopeName: string;
  /** The template as rendered (with unresolved references until synth). */
  readonly template: string;

  constructor(scope: Construct, id: string, props: MayActScopeProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkNotReserved(issues, 'name', props.name, ['openid']);
    checkNonEmpty(issues, 'actors', props.actors, 'list the agents that may act for the users of this scope, or do not create it');
    checkUnique(issues, 'actors[].entityId', props.actors.map((a) => a.entityId));
    const form = props.form ?? 'rfc8693';
    if (form !== 'rfc8693' && form !== 'array') issues.add(`form ${JSON.stringify(form)} must be "rfc8693" or "array"`);
    if (form === 'rfc8693' && props.actors.length > 1) {
      issues.add(`actors lists ${props.actors.length} actors, but an RFC 8693 may_act claim names one party; give one actor, or form: "array"`);
    }
    issues.throwIfAny(this);

    const entries = props.actors.map((a) => ({ client_id: a.clientId, sub: a.entityId }));
    this.template = JSON.stringify({ [MAY_ACT_CLAIM]: form === 'array' ? entries : entries[0] });
    this.resource = new IdentityOidcScope(this, 'Default', {
      name: props.name,
      template: this.template,
      ...(props.description !== undefined ? { description: terraformText(props.description) } : {}),
    });
    this.scopeName = this.resource.name;
  }
}
