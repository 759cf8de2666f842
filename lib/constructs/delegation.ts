/**
 * `A2aDelegation`: renders a plan's `DelegationPlan` (RFC 8693) inside `A2aVaultTopology`.
 *
 * - one actor-token role per actor (`IdentityTokenRole`), whose client_id is the actor's may_act
 *   `client_id`;
 * - one `MayActScope` per sign-in partition with actors, listing each actor by that client_id
 *   and its entity id (references);
 * - with `tokenExchange`: the engine (mount, config, key) and one `TokenExchangeRole` per
 *   (actor, partition), bound to the partition provider's issuer and the partition client's
 *   client_id.
 *
 * The partitions' clients and providers are ordinary clients rendered by the L3; the providers
 * need the may_act scopes and the exchange roles need the providers, so rendering takes two
 * steps: the constructor (before the clients) and `addTokenExchange` (after them).
 */
import { Construct } from 'constructs';
import { clientOwner } from '../plan/compile-delegation';
import type { DelegationPlan } from '../plan/types';
import { tagAgent } from './agent-tag';
import type { IdentityEntity } from './identity-entity';
import { IdentityTokenRole } from './identity-token-role';
import { MayActScope } from './may-act-scope';
import type { OidcClient } from './oidc-client';
import type { OidcKey } from './oidc-key';
import type { OidcProvider } from './oidc-provider';
import { TokenExchangeEngine } from './token-exchange-engine';
import { TokenExchangeRole } from './token-exchange-role';
import { InvalidPropsError } from './validate';
import { sortedBy } from '../vault/order';

export interface A2aDelegationProps {
  readonly plan: DelegationPlan;
  readonly key: OidcKey;
  /** Rendered entities by plan name; every actor's entity must be there. */
  readonly entities: ReadonlyMap<string, IdentityEntity>;
}

export class A2aDelegation extends Construct {
  readonly plan: DelegationPlan;
  /** Actor-token roles by role name (`a2a.actor.<agent>`). */
  readonly actorTokenRoles: ReadonlyMap<string, IdentityTokenRole>;
  /** By scope name (= partition name). */
  readonly mayActScopes: ReadonlyMap<string, MayActScope>;
  private engine?: TokenExchangeEngine;
  private readonly roles = new Map<string, TokenExchangeRole>();
  private readonly entities: ReadonlyMap<string, IdentityEntity>;

  constructor(scope: Construct, id: string, props: A2aDelegationProps) {
    super(scope, id);
    this.plan = props.plan;
    this.entities = props.entities;
    const actors = sortedBy(props.plan.actors, (a) => a.agent);
    const roles = new Map<string, IdentityTokenRole>();
    for (const actor of actors) {
      const r = actor.tokenRole;
      const role = new IdentityTokenRole(this, `actor-token-role-${r.name}`, { name: r.name, key: props.key, template: r.template, ttlSeconds: r.ttlSeconds });
      roles.set(r.name, tagAgent(role, actor.agent));
    }
    this.actorTokenRoles = roles;

    const scopes = new Map<string, MayActScope>();
    for (const s of sortedBy(props.plan.mayActScopes, (s) => s.name)) {
      const scope = new MayActScope(this, `may-act-scope-${s.name}`, {
        name: s.name,
        description: s.description,
        form: s.form,
        actors: s.actors.map((a) => ({
          clientId: this.need(roles, 'actor-token role', a.tokenRole, `mayActScopes[${s.name}]`).clientId,
          entityId: this.need(this.entities, 'entity', a.entity, `mayActScopes[${s.name}]`).entityId,
        })),
      });
      // Named like its sign-in partition, whose users' ID tokens carry it: the split client agent's.
      scopes.set(s.name, tagAgent(scope, clientOwner(props.plan, s.name)));
    }
    this.mayActScopes = scopes;
  }

  /** The engine, once `addTokenExchange` rendered it (absent when the plan has no tokenExchange). */
  get tokenExchange(): TokenExchangeEngine | undefined {
    return this.engine;
  }

  /** Exchange roles by role name. */
  get exchangeRoles(): ReadonlyMap<string, TokenExchangeRole> {
    return this.roles;
  }

  /** Second step: the engine and its roles, bound to the rendered partition clients and providers. */
  addTokenExchange(clients: ReadonlyMap<string, OidcClient>, providers: ReadonlyMap<string, OidcProvider>): void {
    const exchange = this.plan.tokenExchange;
    if (!exchange || this.engine) return;
    const jwksProvider = this.need(providers, 'provider', exchange.subjectJwksProvider, 'tokenExchange.subjectJwksProvider');
    const engine = new TokenExchangeEngine(this, 'token-exchange', {
      path: exchange.mount,
      plugin: exchange.plugin,
      issuer: exchange.issuer,
      // A provider's JWKS holds the keys of its clients: the topology's one key.
      subjectJwksUri: `${jwksProvider.issuer}/.well-known/keys`,
      defaultTtlSeconds: exchange.defaultTtlSeconds,
      key: exchange.key,
    });
    this.engine = engine;
    for (const role of sortedBy(exchange.roles, (r) => r.name)) {
      const where = `tokenExchange.roles[${role.name}]`;
      const exchangeRole = new TokenExchangeRole(this, `exchange-role-${role.name}`, {
        engine,
        name: role.name,
        boundIssuer: this.need(providers, 'provider', role.partition, where).issuer,
        boundAudiences: [this.need(clients, 'client', role.partition, where).clientId],
        context: role.context,
        audiences: role.audiences,
        ttlSeconds: role.ttlSeconds,
      });
      // Made for the actor: it is the actor that exchanges the partition's subject tokens with it.
      this.roles.set(role.name, tagAgent(exchangeRole, role.actor));
    }
  }

  private need<C>(map: ReadonlyMap<string, C>, what: string, name: string, where: string): C {
    const found = map.get(name);
    if (found === undefined) throw new InvalidPropsError(this.node.path, [`plan ${where}: refers to ${what} ${JSON.stringify(name)}, which the plan does not define`]);
    return found;
  }
}
