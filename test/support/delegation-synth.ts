/**
 * Reads delegation back out of synthesized Terraform JSON, following references the way Vault
 * would see the objects after apply: which users an OIDC client admits (assignments → entities,
 * groups → member entities), which may_act actors a provider's scopes name (template entries →
 * actor-token roles and entities), what each exchange role is bound to, and which agents' policies
 * may write to the exchange engine. Nothing here uses the compiler or the plan.
 */
import { quoteTemplateParameters } from '../../lib/vault/identity-template';
import type { TerraformJson } from './synth';

type Body = Record<string, unknown>;

const REF = /^\$\{([A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)\.(\w+)\}$/;

export class SynthIndex {
  private readonly bodies = new Map<string, Body>();

  constructor(readonly json: TerraformJson) {
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const [name, body] of Object.entries(byName)) this.bodies.set(`${type}.${name}`, body);
    }
  }

  all(type: string): [string, Body][] {
    return [...this.bodies].filter(([addr]) => addr.startsWith(`${type}.`));
  }

  /** The body a `${type.name.attr}` reference points at, checking the attribute. */
  deref(ref: unknown, type: string, attr: string): Body {
    const m = typeof ref === 'string' ? REF.exec(ref) : null;
    if (!m || !m[1].startsWith(`${type}.`) || m[2] !== attr) throw new Error(`expected a reference to ${type}.*.${attr}, got ${JSON.stringify(ref)}`);
    const body = this.bodies.get(m[1]);
    if (!body) throw new Error(`dangling reference ${String(ref)}`);
    return body;
  }

  /** Entity names an OIDC client admits: assignment entities plus members of assignment groups. */
  admitted(client: Body): string[] {
    const names = new Set<string>();
    for (const ref of client.assignments as unknown[]) {
      const assignment = this.deref(ref, 'vault_identity_oidc_assignment', 'name');
      for (const e of (assignment.entity_ids as unknown[]) ?? []) names.add(this.deref(e, 'vault_identity_entity', 'id').name as string);
      for (const g of (assignment.group_ids as unknown[]) ?? []) {
        const group = this.deref(g, 'vault_identity_group', 'id');
        for (const e of (group.member_entity_ids as unknown[]) ?? []) names.add(this.deref(e, 'vault_identity_entity', 'id').name as string);
      }
    }
    return [...names].sort();
  }

  /** The one client a provider allows (the project renders one client per provider). */
  providerClient(provider: Body): Body {
    const ids = provider.allowed_client_ids as unknown[];
    if (ids.length !== 1) throw new Error(`provider ${String(provider.name)} allows ${ids.length} clients`);
    return this.deref(ids[0], 'vault_identity_oidc_client', 'client_id');
  }

  /**
   * Agents a provider's scopes name in may_act. Each entry must name an actor consistently: its
   * client_id is the role `a2a.actor.<agent>` and its sub the entity `<agent>`.
   */
  mayActActors(provider: Body): string[] {
    const actors: string[] = [];
    for (const ref of provider.scopes_supported as unknown[]) {
      const scope = this.deref(ref, 'vault_identity_oidc_scope', 'name');
      const claims = JSON.parse(quoteTemplateParameters(scope.template as string).json) as Record<string, unknown>;
      if (!('may_act' in claims)) continue;
      // RFC 8693 §4.4 form: one object; the seed PoC's form: a list of them.
      const mayAct = claims.may_act as { client_id: string; sub: string } | { client_id: string; sub: string }[];
      for (const entry of Array.isArray(mayAct) ? mayAct : [mayAct]) {
        expectKeys(entry, ['client_id', 'sub']);
        const role = this.deref(entry.client_id, 'vault_identity_oidc_role', 'client_id').name as string;
        const entity = this.deref(entry.sub, 'vault_identity_entity', 'id').name as string;
        if (role !== `a2a.actor.${entity}`) throw new Error(`may_act entry mixes role ${role} with entity ${entity}`);
        actors.push(entity);
      }
    }
    return actors.sort();
  }

  /**
   * The grant scopes a user can obtain by signing in: those (other than may_act and agent scopes) of every
   * provider whose client admits the user. Sorted.
   */
  obtainableScopes(user: string): string[] {
    const scopes = new Set<string>();
    for (const [, provider] of this.all('vault_identity_oidc_provider')) {
      if (!this.admitted(this.providerClient(provider)).includes(user)) continue;
      for (const ref of provider.scopes_supported as unknown[]) {
        const scope = this.deref(ref, 'vault_identity_oidc_scope', 'name');
        // Neither may_act scopes nor the scope naming the agent (claims a2a_agent, a2a_user) grant anything.
        const claims = JSON.parse(quoteTemplateParameters(scope.template as string).json) as object;
        if (!('may_act' in claims) && !('a2a_agent' in claims)) scopes.add(scope.name as string);
      }
    }
    return [...scopes].sort();
  }

  /** user → client agent → { Vault clients admitting the user, may_act actors reachable there }. */
  reach(users: readonly string[]): Map<string, Map<string, { clients: string[]; actors: string[] }>> {
    const out = new Map(users.map((u) => [u, new Map<string, { clients: string[]; actors: string[] }>()]));
    for (const [, provider] of this.all('vault_identity_oidc_provider')) {
      const client = this.providerClient(provider);
      const name = client.name as string;
      const agent = name.split('.')[0];
      const actors = this.mayActActors(provider);
      for (const user of this.admitted(client)) {
        const perAgent = out.get(user);
        if (!perAgent) continue;
        const r = perAgent.get(agent) ?? { clients: [], actors: [] };
        perAgent.set(agent, { clients: [...r.clients, name].sort(), actors: [...new Set([...r.actors, ...actors])].sort() });
      }
    }
    return out;
  }

  /**
   * Exchange roles as bound: the actor, and the provider/client whose tokens they accept. The
   * plugin names the caller as actor (`act.sub` = `{{identity.entity.id}}`), so the actor is the
   * one agent whose policy may write the role's token path.
   */
  exchangeRoles(): { path: string; actor: string; issuerProvider?: Body; audienceClients: Body[]; data: Record<string, unknown> }[] {
    const policies = this.policyRulesByAgent();
    return this.all('vault_generic_endpoint')
      .filter(([, body]) => /\/role\/[^/]+$/.test(body.path as string))
      .map(([, body]) => {
        const data = JSON.parse(body.data_json as string) as Record<string, unknown>;
        const actorTemplate = JSON.parse(data.actor_template as string) as { act: { sub: string } };
        if (actorTemplate.act.sub !== '{{identity.entity.id}}') throw new Error(`act.sub is not the caller: ${actorTemplate.act.sub}`);
        const [mountRef, role] = (body.path as string).split('/role/');
        const mount = this.deref(mountRef, 'vault_mount', 'path').path as string;
        const tokenPath = `${mount}/token/${role}`;
        const writers = [...policies]
          .filter(([, rules]) => rules.some(([path, caps]) => path === tokenPath && (caps.includes('create') || caps.includes('update'))))
          .map(([agent]) => agent);
        if (writers.length !== 1) throw new Error(`${tokenPath} is writable by ${writers.length} agents: ${writers.join(', ')}`);
        return {
          path: body.path as string,
          actor: writers[0],
          issuerProvider: data.bound_issuer ? this.deref(data.bound_issuer, 'vault_identity_oidc_provider', 'issuer') : undefined,
          audienceClients: ((data.bound_audiences as unknown[]) ?? []).map((a) => this.deref(a, 'vault_identity_oidc_client', 'client_id')),
          data,
        };
      });
  }

  /** agent (login role name) → [path, capabilities] of every stanza of its login role's policies. */
  policyRulesByAgent(): Map<string, [string, string[]][]> {
    const out = new Map<string, [string, string[]][]>();
    const loginTypes = ['vault_kubernetes_auth_backend_role', 'vault_jwt_auth_backend_role', 'vault_approle_auth_backend_role'];
    for (const type of loginTypes) {
      for (const [, role] of this.all(type)) {
        const rules = ((role.token_policies as unknown[]) ?? []).flatMap((ref) => parsePolicy(this.deref(ref, 'vault_policy', 'name').policy as string));
        out.set(role.role_name as string, rules);
      }
    }
    return out;
  }
}

function expectKeys(value: object, keys: string[]): void {
  const got = Object.keys(value).sort();
  if (got.join(',') !== keys.join(',')) throw new Error(`expected keys ${keys.join(',')}, got ${got.join(',')}`);
}

/** The stanzas of a policy document as rendered by the project (one `path "…" { capabilities = [...] }` each). */
export function parsePolicy(document: string): [string, string[]][] {
  return [...document.matchAll(/path "([^"]+)" \{\s*capabilities = \[([^\]]*)\]\s*\}/g)].map((m) => [
    m[1],
    [...m[2].matchAll(/"([^"]+)"/g)].map((c) => c[1]),
  ]);
}
