/**
 * Every scheme/requirement combination the card writers emit, against the formats' own rules, on
 * every example and on generated topologies (with and without delegation):
 *
 * - A2A 0.3: the whole card validates against the A2A project's JSON Schema (a2a.json at v0.3.0,
 *   test/review/fixtures), and OpenAPI 3.0's rule holds: a requirement on a scheme other than
 *   oauth2/openIdConnect lists no scopes.
 * - A2A 1.0: the JSON is ProtoJSON of a2a.proto, which `@a2a-js/sdk`'s `AgentCard.fromJSON` reads
 *   and `toJSON` writes back unchanged.
 * - Both: a requirement names only what its scheme can deliver: an OIDC provider's supported
 *   scopes (plus `openid`), claims some identity-token role for this server carries, scopes some
 *   actor's delegated tokens carry; every requirement names a declared scheme.
 */
jest.mock('jose', () => ({}));

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { AgentCard } from '@a2a-js/sdk';
import { compile } from '../../lib/plan/compile';
import { renderCards } from '../../lib/review/cards';
import { normalizeTopology, parseTopologyText } from '../../lib/topology';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { delegationShape, topologyOf } from '../support/delegation-arbitrary';
import { arbitraryTopology } from './arbitrary-topology';

const schema = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'a2a-v0.3.0.json'), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(schema, 'a2a-0.3');
const validateV03 = ajv.getSchema('a2a-0.3#/definitions/AgentCard')!;

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const examples: [string, NormalizedTopology][] = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((e) => e.isDirectory() && readdirSync(join(EXAMPLES, e.name)).includes('topology.yaml'))
  .map((e) => {
    const parsed = parseTopologyText(readFileSync(join(EXAMPLES, e.name, 'topology.yaml'), 'utf8'), join(EXAMPLES, e.name, 'topology.yaml'));
    if (!parsed.ok) throw new Error(`${e.name}: ${parsed.issues[0].message}`);
    return [e.name, parsed.topology];
  });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What each scheme can deliver, from the plan Vault is configured with. */
function deliverable(topology: NormalizedTopology, server: string): (scheme: string) => Set<string> {
  const plan = compile(topology);
  return (scheme) => {
    if (scheme.startsWith('vault-oidc-')) {
      const client = plan.clients.find((c) => `vault-oidc-${c.name}` === scheme);
      return new Set(['openid', ...(client?.provider.scopes ?? [])]);
    }
    if (scheme === 'vault-identity-token') return new Set(plan.identityTokenRoles.filter((r) => r.server === server).flatMap((r) => r.scopes));
    if (scheme === 'vault-delegated-token') {
      const url = topology.agents.find((a) => a.name === server)?.url;
      return new Set((plan.delegation?.tokenExchange?.roles ?? []).filter((r) => url !== undefined && r.audiences.includes(url)).flatMap((r) => r.context));
    }
    return new Set();
  };
}

function checkCards(topology: NormalizedTopology): number {
  let checked = 0;
  const out = renderCards(topology);
  const files = Object.fromEntries(out.files.map((f) => [f.path, JSON.parse(f.content) as Json]));
  const servers = [...new Set(out.files.map((f) => f.path.split('/')[0]))];
  for (const server of servers) {
    const canDeliver = deliverable(topology, server);
    const v03 = files[`${server}/agent-card.security.v0_3.json`];
    const v1 = files[`${server}/agent-card.security.json`];
    for (const which of ['agentCard', 'extendedAgentCard']) {
      const c03 = v03[which] as Json | undefined;
      const c1 = v1[which] as Json | undefined;
      expect(c03 === undefined).toBe(c1 === undefined);
      if (!c03 || !c1) continue;

      // 0.3: a complete card around our part validates against the A2A JSON Schema.
      const full = {
        name: server,
        description: 'generated',
        url: 'https://agent.example.com/a2a',
        version: '1.0.0',
        protocolVersion: '0.3.0',
        capabilities: {},
        defaultInputModes: ['text/plain'],
        defaultOutputModes: ['text/plain'],
        ...c03,
        skills: (c03.skills as Json[]).map((s) => ({ name: s.id, description: 'generated', tags: [], ...s })),
      };
      if (!validateV03(full)) throw new Error(`${server} ${which}: ${ajv.errorsText(validateV03.errors)}`);
      const requirements03: Json[] = [...c03.security, ...(c03.skills as Json[]).flatMap((s) => s.security)];
      for (const r of requirements03) {
        for (const [name, scopes] of Object.entries(r)) {
          const scheme = c03.securitySchemes[name];
          expect(scheme).toBeDefined();
          if (scheme.type === 'oauth2' || scheme.type === 'openIdConnect') for (const s of scopes as string[]) expect(canDeliver(name)).toContain(s);
          else expect({ name, scopes }).toEqual({ name, scopes: [] });
          checked += 1;
        }
      }

      // 1.0: ProtoJSON the SDK reads and writes back byte for byte.
      const decoded = AgentCard.fromJSON(c1);
      expect(AgentCard.toJSON(decoded)).toEqual(c1);
      const requirements1 = [...decoded.securityRequirements, ...decoded.skills.flatMap((s) => s.securityRequirements)];
      for (const r of requirements1) {
        for (const [name, list] of Object.entries(r.schemes)) {
          expect(decoded.securitySchemes[name]).toBeDefined();
          expect(list.list.length).toBeGreaterThan(0);
          for (const s of list.list) expect(canDeliver(name)).toContain(s);
          checked += 1;
        }
      }
    }
  }
  return checked;
}

describe('cards satisfy the A2A 0.3 schema, OpenAPI 3.0 and the 1.0 ProtoJSON codec', () => {
  test.each(examples)('examples/%s', (_name, topology) => {
    checkCards(topology);
  });

  test('the examples exercise every kind of scheme', () => {
    const schemes = new Set(
      examples.flatMap(([, t]) => renderCards(t).files.filter((f) => f.path.endsWith('v0_3.json')).flatMap((f) => Object.keys(JSON.parse(f.content).agentCard.securitySchemes))),
    );
    expect([...schemes].map((s) => s.replace(/^vault-oidc-.*/, 'vault-oidc-*')).filter((s, i, a) => a.indexOf(s) === i).sort()).toEqual([
      'vault-delegated-token',
      'vault-identity-token',
      'vault-oidc-*',
    ]);
  });

  test('generated topologies', () => {
    fc.assert(fc.property(arbitraryTopology, (t) => void checkCards(t)), { numRuns: 60, endOnFailure: true });
  });

  test('generated delegation topologies', () => {
    fc.assert(
      fc.property(delegationShape, (shape) => void checkCards(normalizeTopology(topologyOf(shape)))),
      { numRuns: 40, endOnFailure: true },
    );
  });

  test('the checks notice a scope a provider does not offer, and scopes on a 0.3 bearer requirement', () => {
    const [, hello] = examples.find(([n]) => n === 'hello-world')!;
    const canDeliver = deliverable(hello, 'hello-world');
    expect(canDeliver('vault-oidc-test-client').has('hello-world.super_hello_world.read')).toBe(false);
    const card = {
      name: 'x', description: 'x', url: 'https://x', version: '1', protocolVersion: '0.3.0', capabilities: {}, defaultInputModes: [], defaultOutputModes: [], skills: [],
      securitySchemes: { bearer: { type: 'http', scheme: 'Bearer' } },
      security: [{ bearer: 'not-a-list' }],
    };
    expect(validateV03(card)).toBe(false);
  });
});
