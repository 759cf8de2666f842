/**
 * The cards' central promise: every scope (or identity-token claim) a card requires can be
 * obtained by exactly the client agents the topology grants it to, through exactly the flows
 * they use, and every grant appears on the card. Checked on the scenarios and on generated
 * topologies, against the compiled plan (what Vault will be configured with) and the topology
 * (what was asked for), with scope names spelled out here rather than taken from naming.ts.
 */
import fc from 'fast-check';
import { cardSecurityV03, type V03CardSecurity } from '../../lib/review/card-v0_3';
import { cardSecurityV1 } from '../../lib/review/card-v1';
import { serverAccess } from '../../lib/review/server-access';
import { compile } from '../../lib/plan/compile';
import { normalizeTopology } from '../../lib/topology/load';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import type { Topology } from '../../lib/topology/schema';
import { expense, headless, helloWorld } from '../support/normalized';
import { arbitraryTopology } from './arbitrary-topology';

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const scopeOf = (server: string, skill: string, action: string): string => `${server}.${skill}.${action}`;

/** Clients the topology grants `scope` to, by flow. */
function grantedTo(t: NormalizedTopology, scope: string) {
  const holders = t.agents.filter((a) => a.calls.some((c) => c.grants.some((g) => scopeOf(c.agent, g.skill, g.action) === scope)));
  return { browser: sorted(holders.filter((a) => a.oidc).map((a) => a.name)), headless: sorted(holders.filter((a) => a.headless).map((a) => a.name)) };
}

type V1Card = ReturnType<typeof cardSecurityV1>['agentCard'];

/** Every (scheme, scopes) alternative of a 1.0 card (the version whose requirements carry scopes): card level and per skill. */
function alternatives(card: V1Card): { skill?: string; scheme: string; scopes: string[] }[] {
  const flat = (rs: V1Card['securityRequirements'], skill?: string) =>
    rs.flatMap((r) => Object.entries(r.schemes).map(([scheme, l]) => ({ ...(skill !== undefined ? { skill } : {}), scheme, scopes: l.list })));
  return [...flat(card.securityRequirements), ...card.skills.flatMap((s) => flat(s.securityRequirements, s.id))];
}

/** The 0.3 card says the same, with OpenAPI 3.0's rule: bearer requirements list no scopes. */
function expectV03Matches(v03: V03CardSecurity, v1: V1Card): void {
  const bearer = new Set(Object.entries(v03.securitySchemes).filter(([, s]) => s.type === 'http').map(([n]) => n));
  const as03 = (rs: V1Card['securityRequirements']) => {
    const out = rs.map((r) => Object.fromEntries(Object.entries(r.schemes).map(([n, l]) => [n, bearer.has(n) ? [] : l.list])));
    return out.filter((r, i) => out.findIndex((o) => JSON.stringify(o) === JSON.stringify(r)) === i);
  };
  expect(v03.security).toEqual(as03(v1.securityRequirements));
  expect(v03.skills.map((s) => [s.id, s.security])).toEqual(v1.skills.map((s) => [s.id, as03(s.securityRequirements)]));
  for (const r of [...v03.security, ...v03.skills.flatMap((s) => s.security)]) {
    for (const [scheme, scopes] of Object.entries(r)) if (bearer.has(scheme)) expect(scopes).toEqual([]);
  }
}

function checkObtainability(t: NormalizedTopology): number {
  const plan = compile(t);
  const base = `${t.vault.address}/v1${t.vault.namespace ? `/${t.vault.namespace}` : ''}`;
  let checked = 0;
  for (const access of serverAccess(t, plan)) {
    const server = access.server;
    const granted = t.agents.some((a) => a.calls.some((c) => c.agent === server));
    expect(access.schemes.length > 0).toBe(granted);
    if (!granted) continue;
    const doc = cardSecurityV03(access);
    const v1 = cardSecurityV1(access);
    const cards = [v1.agentCard, ...(v1.extendedAgentCard ? [v1.extendedAgentCard] : [])];
    expect(doc.extendedAgentCard === undefined).toBe(v1.extendedAgentCard === undefined);
    expectV03Matches(doc.agentCard, v1.agentCard);
    if (doc.extendedAgentCard && v1.extendedAgentCard) expectV03Matches(doc.extendedAgentCard, v1.extendedAgentCard);

    for (const card of cards) {
      // Every OIDC scheme points at the discovery document of the named client's own provider.
      for (const [name, scheme] of Object.entries(card.securitySchemes)) {
        if (scheme.scheme.$case !== 'openIdConnectSecurityScheme') continue;
        const client = plan.clients.find((c) => `vault-oidc-${c.name}` === name);
        expect(client).toBeDefined();
        expect(scheme.scheme.value.openIdConnectUrl).toBe(`${base}/identity/oidc/provider/${client!.provider.name}/.well-known/openid-configuration`);
      }

      for (const { skill, scheme, scopes } of alternatives(card)) {
        const isOidc = scheme.startsWith('vault-oidc-');
        expect(isOidc || scheme === 'vault-identity-token').toBe(true);
        if (isOidc) {
          expect(scopes[0]).toBe('openid');
          // Only scopes the scheme's provider supports.
          const provider = plan.clients.find((c) => `vault-oidc-${c.name}` === scheme)!.provider;
          for (const s of scopes.slice(1)) expect(provider.scopes).toContain(s);
        }
        const grantScopes = isOidc ? scopes.slice(1) : scopes;
        expect(grantScopes).toHaveLength(1);
        const scope = grantScopes[0];
        expect(scope.startsWith(`${server}.${skill ?? ''}`)).toBe(true);

        // Who can obtain it, from the plan: providers offering the scope; roles whose token carries it.
        const browser = sorted(plan.clients.filter((c) => c.provider.scopes.includes(scope)).map((c) => c.name));
        const roles = plan.identityTokenRoles.filter((r) => r.scopes.includes(scope));
        const headlessHolders = sorted(roles.map((r) => r.agent));
        expect({ scope, browser, headless: headlessHolders }).toEqual({ scope, ...grantedTo(t, scope) });
        expect(roles.every((r) => r.server === server)).toBe(true);

        // Through this scheme in particular: only its own client, and only if granted.
        const viaScheme = isOidc ? browser.filter((c) => `vault-oidc-${c}` === scheme) : headlessHolders;
        const grantedViaScheme = isOidc ? grantedTo(t, scope).browser.filter((c) => `vault-oidc-${c}` === scheme) : grantedTo(t, scope).headless;
        expect(viaScheme).toEqual(grantedViaScheme);
        checked += 1;
      }
    }

    // Completeness: each grant is on both cards, on the skill and at card level, for each flow of the client.
    for (const client of t.agents) {
      for (const call of client.calls.filter((c) => c.agent === server)) {
        for (const g of call.grants) {
          const scope = scopeOf(server, g.skill, g.action);
          const skillPublic = t.agents.find((a) => a.name === server)!.skills.find((s) => s.id === g.skill)!.public;
          const extended = v1.extendedAgentCard;
          const expected = [
            ...(client.oidc ? [{ scheme: `vault-oidc-${client.name}`, scopes: ['openid', scope] }] : []),
            ...(client.headless ? [{ scheme: 'vault-identity-token', scopes: [scope] }] : []),
          ];
          for (const card of cards) {
            const listed = alternatives(card);
            for (const e of expected) {
              expect(listed).toContainEqual(e);
              if (skillPublic || card === extended) expect(listed).toContainEqual({ skill: g.skill, ...e });
            }
          }
        }
      }
    }
    // Skills nobody is granted are on no card; every other skill is on the extended card (or the public one).
    const onCards = new Set(cards.flatMap((c) => c.skills.map((s) => s.id)));
    for (const skill of t.agents.find((a) => a.name === server)!.skills) {
      const grantedSkill = t.agents.some((a) => a.calls.some((c) => c.agent === server && c.grants.some((g) => g.skill === skill.id)));
      expect(onCards.has(skill.id)).toBe(grantedSkill);
    }
  }
  return checked;
}

/** The generated value as a topology document, to confirm the loader accepts it unchanged. */
function toDocument(t: NormalizedTopology): Topology {
  return {
    version: 1,
    name: t.name,
    vault: t.vault,
    authMounts: Object.fromEntries(t.mounts.map((m) => [m.name, { type: m.type, path: m.path }])),
    users: Object.fromEntries(t.users.map((u) => [u.name, { mount: u.mount, groups: [...u.groups] }])),
    groups: Object.fromEntries(t.groups.map((g) => [g.name, {}])),
    agents: Object.fromEntries(
      t.agents.map((a) => [
        a.name,
        {
          ...(a.url ? { url: a.url } : {}),
          ...(a.skills.length ? { skills: a.skills.map((s) => ({ id: s.id, actions: [...s.actions], public: s.public })) } : {}),
          ...(a.login?.kind === 'kubernetes' ? { login: { mount: a.login.mount, serviceAccount: a.login.serviceAccount, namespace: a.login.namespace } } : {}),
          ...(a.oidc
            ? { oidc: { redirectUris: [...a.oidc.redirectUris], users: [...a.oidc.members.users, ...a.oidc.members.groups.map((g) => `group:${g}`)] } }
            : {}),
          ...(a.headless ? { headless: true } : {}),
          ...(a.calls.length ? { calls: a.calls.map((c) => ({ agent: c.agent, grants: c.grants.map((g) => `${g.skill}:${g.action}`) })) } : {}),
        },
      ]),
    ),
  };
}

describe('every scope a card requires is obtainable by exactly the clients granted it', () => {
  test.each([
    ['hello-world', helloWorld()],
    ['headless', headless()],
    ['expense', expense()],
  ])('%s', (_name, topology) => {
    expect(checkObtainability(topology)).toBeGreaterThan(0);
  });

  test('generated topologies (valid per the loader)', () => {
    fc.assert(
      fc.property(arbitraryTopology, (topology) => {
        expect(normalizeTopology(toDocument(topology))).toEqual(topology);
        checkObtainability(topology);
      }),
      // No shrinking: a generated topology is readable as it is, and shrinking fc.gen values is slow.
      { numRuns: 150, endOnFailure: true },
    );
  });

  test('the check notices a provider offering a scope to a client that was not granted it', () => {
    const t = helloWorld();
    const plan = compile(t);
    const widened = { ...plan, clients: plan.clients.map((c) => ({ ...c, provider: { ...c.provider, scopes: [...c.provider.scopes, 'hello-world.super_hello_world.read'] } })) };
    const access = serverAccess(t, widened);
    // The card built from the widened plan advertises the extra scope as obtainable by test-client,
    // which the topology never granted.
    const superSkill = cardSecurityV03(access[0]).extendedAgentCard!.skills.find((s) => s.id === 'super_hello_world')!;
    expect(superSkill.security).toEqual([{ 'vault-oidc-test-client': ['openid', 'hello-world.super_hello_world.read'] }]);
    expect(grantedTo(t, 'hello-world.super_hello_world.read')).toEqual({ browser: [], headless: [] });
    expect(sorted(widened.clients.filter((c) => c.provider.scopes.includes('hello-world.super_hello_world.read')).map((c) => c.name))).toEqual(['test-client']);
  });
});
