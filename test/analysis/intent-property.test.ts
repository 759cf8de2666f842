/**
 * Property (issue #9, item 7): for random topologies, the access facts of the synthesized stack
 * equal the facts of the plan's intended model, in both directions. Topologies mix Kubernetes
 * (with and without an audience), JWT and AppRole logins, browser sign-in and headless calls,
 * users in groups, registered agents with resource-server profiles, and delegation with token
 * exchange (may_act in either form, partitions split by the delegation bound), cert logins pinned by
 * common name or URI SAN, and external groups admitted by client agents. Synthesis is the
 * slow part (~0.1 s per stack), hence the run counts.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdktf';
import fc from 'fast-check';
import { accessOf, parsePoliciesSync } from '../../lib/analysis/analyze';
import { accessFacts } from '../../lib/analysis/facts';
import { compareFacts } from '../../lib/analysis/facts-compare';
import { modelFromPlan } from '../../lib/analysis/model-from-plan';
import { canonicalModel, canonicalModelOrWhy, sameCanonicalForm } from '../../lib/analysis/model-canonical';
import { readStack } from '../../lib/analysis/stack';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { normalizeTopology } from '../../lib/topology';
import type { NormalizedAgent, NormalizedTopology } from '../../lib/topology/normalized';
import { arbitraryTopology } from '../review/arbitrary-topology';
import { synthesizable } from '../support/synthesizable';
import { delegationShape, topologyOf } from '../support/delegation-arbitrary';
import { EC_P256 } from '../support/registry-keys';

const AGENTS_CA = readFileSync(join(__dirname, '..', '..', 'examples', 'identity-provider', 'agents-ca.pem'), 'utf8');

const CHECKS_OFF = { enabled: false, reason: 'the property compares facts itself' } as const;

/** Differences between the synthesized stack's facts and the plan's, as lines (empty = equal). */
function differences(topology: NormalizedTopology): string[] {
  const stack = new AgentTopologyStack(Testing.app(), 'prop', { topology, checks: CHECKS_OFF });
  const synthesized = readStack(JSON.parse(Testing.synth(stack)));
  const effective = accessFacts(accessOf(synthesized, parsePoliciesSync(synthesized)).model);
  const model = accessOf(synthesized, parsePoliciesSync(synthesized)).model;
  const intended = accessFacts(modelFromPlan(stack.plan));
  const { extra, missing } = compareFacts(intended, effective);
  // The structural proof (facts-intended.ts) holds on what our constructs synthesize, or it saves nothing.
  const canonical = canonicalModelOrWhy(modelFromPlan(stack.plan));
  expect(canonical.ok ? 'ok' : canonical.why).toBe('ok');
  expect(sameCanonicalForm(canonicalModel(modelFromPlan(stack.plan)), canonicalModel(model))).toBe(true);
  // Not vacuous: every generated topology has entities, logins or clients.
  expect(effective.principals.size).toBeGreaterThan(1);
  return [...extra.map((d) => `extra   ${d.principal} ${d.key}`), ...missing.map((d) => `missing ${d.principal} ${d.key}`)];
}


/** An agent's own token TTLs: 5 to 10 minutes, never longer than the topology's (validation's rule). */
function agentTtl(topology: NormalizedTopology, pick: number): NormalizedAgent['ttl'] {
  const at = (field: keyof NormalizedTopology['ttl'], seconds: number) => Math.min(seconds, topology.ttl[field]);
  return pick % 2 === 0
    ? { loginTokenSeconds: at('loginTokenSeconds', 600), identityTokenSeconds: at('identityTokenSeconds', 300) }
    : { accessTokenSeconds: at('accessTokenSeconds', 600), idTokenSeconds: at('idTokenSeconds', 300) };
}

/**
 * Gives each agent with a login one of the three login methods (AppRole with or without its
 * secret-id settings), and registers some of them; adds the issue #13 settings: owners, per-agent
 * TTLs, client generations, JWT subjects at an opted-in resource server, the signing key, the audit trail.
 */
const withLoginsAndRegistry = fc
  .tuple(arbitraryTopology.map(synthesizable), fc.array(fc.nat({ max: 7 }), { minLength: 20, maxLength: 20 }), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean())
  .map(([topology, picks, profile, publicKeys, operations, external]): NormalizedTopology => {
    const agents = topology.agents.map((agent, i): NormalizedAgent => {
      const pick = picks[i % picks.length]!;
      const lifecycle: Partial<NormalizedAgent> = operations
        ? {
            ...(pick % 2 === 0 ? { owner: `team-${pick}` } : {}),
            ...(pick >= 2 ? { ttl: agentTtl(topology, pick) } : {}),
            ...(agent.oidc ? { oidc: { ...agent.oidc, clientGeneration: pick + 1 } } : {}),
          }
        : {};
      if (!agent.login) return { ...agent, ...lifecycle };
      const login: NormalizedAgent['login'] =
        pick >= 6
          ? // A cert login pinned by common name (the alias) or by URI SAN (no alias in advance).
            { kind: 'cert', mount: 'mtls', caCertificate: AGENTS_CA, name: pick === 6 ? { kind: 'common-name', value: `agent-${i}.example.org` } : { kind: 'uri-san', value: `spiffe://example.org/agent/${i}` } }
          : pick % 3 === 0
          ? // A Kubernetes login with or without the service account token's audience.
            agent.login.kind === 'kubernetes' && pick === 3
            ? { ...agent.login, audience: 'vault' }
            : agent.login
          : pick % 3 === 1
            ? { kind: 'jwt', mount: 'spiffe', subject: `spiffe://example.org/agent/${i}`, audiences: pick > 3 ? ['vault', 'vault-eu'] : ['vault'] }
            : pick === 5
              ? { kind: 'approle', mount: 'approle', secretIdTtlSeconds: 7200, secretIdNumUses: 3, secretIdBoundCidrs: ['10.40.0.0/16'], tokenBoundCidrs: ['10.40.0.0/16'] }
              : { kind: 'approle', mount: 'approle' };
      const registry: NormalizedAgent['registry'] =
        pick >= 4 && pick !== 7
          ? {
              ceiling: { kind: 'derived' },
              authorizationDetails: pick === 5 ? { kind: 'optional', reason: 'the IdP cannot add RAR yet' } : { kind: 'required' },
              ...(profile && operations ? { subjects: [{ resourceServer: 'idp', subject: `0oa-agent-${i}` }] } : {}),
            }
          : undefined;
      // Some client agents also admit the IdP group's members (an external group).
      const withLifecycle = { ...agent, ...lifecycle };
      const oidc =
        withLifecycle.oidc && external && i % 2 === 0
          ? { ...withLifecycle.oidc, members: { ...withLifecycle.oidc.members, groups: [...withLifecycle.oidc.members.groups, 'idp-staff'].sort() } }
          : withLifecycle.oidc;
      return { ...withLifecycle, login, ...(oidc ? { oidc } : {}), ...(registry ? { registry } : {}) };
    });
    return {
      ...topology,
      mounts: [
        ...topology.mounts,
        { name: 'spiffe', type: 'jwt', path: 'jwt-spiffe' },
        { name: 'approle', type: 'approle', path: 'approle' },
        { name: 'mtls', type: 'cert', path: 'cert' },
        { name: 'corp', type: 'oidc', path: 'oidc', groupsClaim: 'groups' },
      ],
      ...(external ? { externalGroups: [{ name: 'idp-staff', mount: 'corp', alias: 'Staff' }] } : {}),
      agents,
      ...(profile
        ? {
            resourceServers: [
              {
                name: 'idp',
                issuer: 'https://login.example.com/oauth2',
                keySource: publicKeys ? { kind: 'public-keys', keys: [{ keyId: 'k1', pem: EC_P256 }] } : { kind: 'jwks', uri: 'https://login.example.com/oauth2/keys' },
                audiences: ['https://vault.example.com:8200'],
                algorithms: ['ES256'],
                clockSkewLeewaySeconds: 30,
                userClaim: 'sub',
                jwtType: 'access_token',
                authorizationDetails: { kind: 'required' },
                ...(operations ? { entityAliases: publicKeys ? { kind: 'accessor' as const, accessor: 'auth_oauth_0a1b2c3d' } : { kind: 'mount' as const, mount: 'spiffe' } } : {}),
              },
            ],
          }
        : {}),
      ...(operations
        ? {
            signingKey: { rotationPeriodSeconds: 43200, verificationTtlSeconds: 86400 },
            audit: {
              required: true,
              devices: [{ path: 'file', type: 'file', local: false, format: 'json', elideListResponses: false, sink: { kind: 'file', filePath: '/var/log/vault/audit.log', mode: '0600' } }],
              requestHeaders: [
                { name: 'User-Agent', hmac: false },
                { name: 'X-A2A-Agent', hmac: false },
              ],
            },
          }
        : {}),
    };
  });

test('random topologies (logins, sign-in, headless, groups, registry, credential lifecycle, agent metadata, JWT aliases, audit): effective facts equal intended facts', () => {
  fc.assert(
    fc.property(withLoginsAndRegistry, (topology) => {
      expect(differences(topology)).toEqual([]);
    }),
    { numRuns: 30 },
  );
});

test('random delegation topologies (partitions, actors, token exchange): effective facts equal intended facts', () => {
  fc.assert(
    fc.property(delegationShape, (shape) => {
      expect(differences(normalizeTopology(topologyOf(shape)))).toEqual([]);
    }),
    { numRuns: 20 },
  );
});
