/**
 * `TokenExchangeRole`: one role of the token-exchange engine (`<mount>/role/<name>`), i.e. one
 * way an actor may turn a user's ID token into a delegated token. An agent exchanges by writing
 * `subject_token` to `<mount>/token/<name>`; the plugin verifies the subject token against the
 * engine's JWKS, then checks `bound_issuer` and `bound_audiences`.
 *
 * The plugin skips those checks when they are empty, which would accept an ID token from any
 * provider signed with a key in the JWKS, whatever its may_act says. So both are required here:
 * the issuer of the one provider whose users delegated to this actor, and that provider's client.
 *
 * Delegated tokens carry `act: {sub: ...}` (RFC 8693 §4.1), `aud` = the servers the actor calls,
 * and `scope` = `context`. The plugin renders `actor_template` with the *caller's* entity
 * (identity-delegation plugin, path_token_handlers.go: `identity.entity.id` is the requesting
 * token's entity), so `act.sub` is `{{identity.entity.id}}`: the token always names whoever
 * exchanged, never a fixed entity another caller could borrow. Who that may be is decided by the
 * ACL alone (only the actor's policy grants `<mount>/token/<name>`), and the checks verify it.
 * The actor template also names the exchanging agent (`a2a_agent`, from its entity metadata),
 * and the subject template copies the user's name from the subject token's `a2a_user` claim (the
 * plugin puts it under `subject_claims`): docs/token-claims.md. No other user claim is copied.
 */
import { GenericEndpoint } from '@cdktf/provider-vault/lib/generic-endpoint';
import { EXCHANGE_ACTOR_CLAIMS, EXCHANGE_SUBJECT_TEMPLATE } from '../plan/agent-claims';
import { Construct } from 'constructs';
import { goDuration, type TokenExchangeEngine } from './token-exchange-engine';
import { terraformText } from './terraform-text';
import { checkNoWildcard, checkNonEmpty, checkTtl, checkUnique, checkVaultName, isToken, Issues } from './validate';

/** The plugin's template for the requesting entity's id: the actor is whoever exchanges. */
export const ACTOR_IS_CALLER = '{{identity.entity.id}}';

export interface TokenExchangeRoleProps {
  readonly engine: TokenExchangeEngine;
  readonly name: string;
  /** Required: the exact `iss` of accepted subject tokens (normally a provider's `issuer`). */
  readonly boundIssuer: string;
  /** Required: accepted subject-token audiences (normally one OIDC client's `client_id`). */
  readonly boundAudiences: readonly string[];
  /** Scopes of the delegated token: the actor's grants. */
  readonly context: readonly string[];
  /** `aud` of the delegated token: the servers the actor calls. */
  readonly audiences: readonly string[];
  readonly ttlSeconds: number;
}

export class TokenExchangeRole extends Construct {
  readonly resource: GenericEndpoint;
  /** What the actor writes to: `<mount>/token/<name>` (plain string, for policies). */
  readonly tokenPath: string;

  constructor(scope: Construct, id: string, props: TokenExchangeRoleProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkNoWildcard(issues, 'boundIssuer', props.boundIssuer);
    checkNonEmpty(issues, 'boundAudiences', props.boundAudiences, 'give the client_id of the OIDC client whose ID tokens this role accepts');
    props.boundAudiences.forEach((a, i) => checkNoWildcard(issues, `boundAudiences[${i}]`, a));
    checkUnique(issues, 'boundAudiences', props.boundAudiences);
    checkNonEmpty(issues, 'context', props.context, 'list the scopes (the actor\'s grants) the delegated token carries');
    props.context.forEach((c, i) => {
      if (c.includes(',') || c.includes(' ')) issues.add(`context[${i}] ${JSON.stringify(c)} contains "," or " ", which would split it`);
    });
    checkNonEmpty(issues, 'audiences', props.audiences, 'list the servers the delegated token is for');
    props.audiences.forEach((a, i) => {
      // The plugin renders actor_template with mustache: "{{" in an audience would be a tag.
      if (!isToken(a) && (a.includes('{{') || a.includes('}}'))) issues.add(`audiences[${i}] ${JSON.stringify(a)} contains "{{" or "}}", which the plugin would read as a template tag`);
    });
    checkTtl(issues, 'ttlSeconds', props.ttlSeconds);
    issues.throwIfAny(this);

    this.tokenPath = `${props.engine.path}/token/${props.name}`;
    this.resource = new GenericEndpoint(this, 'Default', {
      path: `${props.engine.mountPath}/role/${props.name}`,
      dataJson: terraformText(
        JSON.stringify({
          key: props.engine.keyName,
          ttl: goDuration(props.ttlSeconds),
          subject_template: EXCHANGE_SUBJECT_TEMPLATE,
          actor_template: JSON.stringify({ act: { sub: ACTOR_IS_CALLER }, aud: [...props.audiences], ...EXCHANGE_ACTOR_CLAIMS }),
          context: [...props.context],
          bound_issuer: props.boundIssuer,
          bound_audiences: [...props.boundAudiences],
        }),
      ),
      ignoreAbsentFields: true,
      // The role names the engine's key: write it after the key exists.
      dependsOn: [props.engine.key],
    });
  }
}
