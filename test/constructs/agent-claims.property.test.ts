/**
 * Agent metadata in tokens (issue #13, part 3) on generated topologies: the claims that name the
 * agent and the user never collide with a grant claim or a reserved claim, on any provider or
 * role; the existing rules (A2A-RESERVED-CLAIM, A2A-SCOPE-CLAIM-COLLISION, A2A-TEMPLATE-INVALID)
 * find nothing; and every template, rendered offline as Vault and the exchange plugin would,
 * gives valid JSON carrying the agent's name, type and owner, for every owner validation accepts.
 */
import fc from 'fast-check';
import { Testing } from 'cdktf';
import { checkStackSync } from '../../lib/checks/check';
import { checkIntentFromPlan } from '../../lib/checks/intent';
import { RESERVED_CLAIMS } from '../../lib/checks/rules/reserved-claim';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { AGENT_CLAIM, USER_CLAIM } from '../../lib/plan/naming';
import { EXCHANGE_ACTOR_CLAIMS, EXCHANGE_SUBJECT_TEMPLATE } from '../../lib/plan/agent-claims';
import { CLAIM_TEXT_PATTERN } from '../../lib/topology/names';
import { normalizeTopology, type NormalizedTopology } from '../../lib/topology';
import { quoteTemplateParameters } from '../../lib/vault/identity-template';
import { delegationShape, topologyOf } from '../support/delegation-arbitrary';
import { renderMustache, renderVaultTemplate } from '../support/render-templates';

type Body = Record<string, unknown>;
type Json = { resource?: Record<string, Record<string, Body>> };

/** Owners as validation accepts them: any one-line text without *, +, ", \, { or }. */
const owner = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => CLAIM_TEXT_PATTERN.test(s));

/**
 * Delegation topologies (browser clients split by delegation set, headless actors, the exchange
 * engine) with a second server of random skills, and random owners, through real validation.
 */
const skillId = fc.stringMatching(/^[a-z][a-z0-9_]{0,5}$/);
const withOwners: fc.Arbitrary<NormalizedTopology> = fc
  .tuple(
    delegationShape,
    fc.uniqueArray(fc.record({ id: skillId, actions: fc.uniqueArray(skillId, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3, selector: (s) => s.id }),
    fc.array(fc.option(owner, { nil: undefined }), { minLength: 8, maxLength: 8 }),
  )
  .map(([shape, skills, owners]) => {
    const t = topologyOf(shape);
    const grants = skills.flatMap((s) => s.actions.map((a) => `${s.id}:${a}`));
    const agents = Object.fromEntries(
      Object.entries(t.agents).map(([name, a], i) => {
        const owned = owners[i] === undefined ? a : { ...a, owner: owners[i] };
        // Every caller also calls the second server with all its grants: many grant claims per provider and role.
        return [name, a.calls || a.oidc ? { ...owned, calls: [...(a.calls ?? []), { agent: 'other', grants }] } : owned];
      }),
    );
    return normalizeTopology({ ...t, agents: { ...agents, other: { url: 'https://other.example.com', skills } } });
  });

const keysOf = (template: string): string[] => Object.keys(JSON.parse(quoteTemplateParameters(template).json) as object);
const byRef = (json: Json, type: string, ref: string): Body => json.resource![type]![/^\$\{[^.]+\.([^.]+)\./.exec(ref)![1]!]!;

test('metadata claims never collide, every check passes, and every template renders to the agent and its owner', () => {
  fc.assert(
    fc.property(withOwners, (topology) => {
      const stack = new AgentTopologyStack(Testing.app(), 'claims', { topology, checks: { enabled: false, reason: 'checked below, with the intent' } });
      const json = JSON.parse(Testing.synth(stack)) as Json;
      expect(checkStackSync(json, checkIntentFromPlan(stack.plan))).toEqual([]);

      const scopes = json.resource?.vault_identity_oidc_scope ?? {};
      for (const provider of Object.values(json.resource?.vault_identity_oidc_provider ?? {})) {
        const keys = (provider.scopes_supported as string[]).flatMap((ref) => keysOf(byRef(json, 'vault_identity_oidc_scope', ref).template as string));
        expect(new Set(keys).size).toBe(keys.length);
        expect(keys.filter((k) => RESERVED_CLAIMS.includes(k))).toEqual([]);
      }
      const agents = new Map(topology.agents.map((a) => [a.name, a]));
      for (const scope of Object.values(scopes)) {
        if (!(scope.name as string).startsWith('a2a-agent.')) continue;
        const agent = agents.get((scope.name as string).slice('a2a-agent.'.length))!;
        const rendered = renderVaultTemplate(scope.template as string, { id: 'u-1', name: 'alice', metadata: {} });
        expect(rendered).toEqual({ claims: { [AGENT_CLAIM]: { name: agent.name, owner: agent.owner ?? '', type: 'browser' }, [USER_CLAIM]: { name: 'alice' } } });
      }
      for (const role of Object.values(json.resource?.vault_identity_oidc_role ?? {})) {
        // Call roles are `<client>.<server>`, actor-token roles `a2a.actor.<agent>`.
        const name = role.name as string;
        const minter = agents.get(name.startsWith('a2a.actor.') ? name.slice('a2a.actor.'.length) : name.split('.')[0]!)!;
        const entity = Object.values(json.resource!.vault_identity_entity!).find((e) => e.name === minter.name)!;
        const rendered = renderVaultTemplate(role.template as string, { id: 'e-1', name: minter.name, metadata: (entity.metadata ?? {}) as Record<string, string> });
        expect('claims' in rendered && rendered.claims[AGENT_CLAIM]).toEqual({ name: minter.name, owner: minter.owner ?? '', type: 'headless' });
        // The grant claims are still there: the metadata could not make the template fail.
        expect(Object.keys('claims' in rendered ? rendered.claims : {}).filter((k) => k !== AGENT_CLAIM).length).toBeGreaterThan(0);
      }
    }),
    { numRuns: 12 },
  );
});

test('the exchange plugin renders the actor and the user for every owner validation accepts', () => {
  fc.assert(
    fc.property(owner, fc.stringMatching(/^[a-z][a-z0-9_-]{0,20}$/), (who, user) => {
      const actor = renderMustache(JSON.stringify(EXCHANGE_ACTOR_CLAIMS), {
        identity: { entity: { id: 'e-1', name: 'summarizer', metadata: { a2a_agent: 'summarizer', a2a_owner: who } } },
      });
      expect(actor[AGENT_CLAIM]).toEqual({ name: 'summarizer', owner: who, type: 'headless' });
      expect(renderMustache(EXCHANGE_SUBJECT_TEMPLATE, { identity: { subject: { sub: 'u-1', [USER_CLAIM]: { name: user } } } })).toEqual({ [USER_CLAIM]: { name: user } });
    }),
  );
});

test('why the owner alphabet is what it is: a "+" would make Vault drop every claim of the token', () => {
  const template = '{"x.y.z":true,"a2a_agent":{"name":{{identity.entity.metadata.a2a_agent}},"owner":{{identity.entity.metadata.a2a_owner}},"type":"headless"}}';
  expect(renderVaultTemplate(template, { id: 'e', name: 'a', metadata: { a2a_agent: 'a', a2a_owner: 'ops+oncall' } })).toEqual({ error: 'templated value "ops+oncall" contains "*" or "+"' });
  expect(CLAIM_TEXT_PATTERN.test('ops+oncall')).toBe(false);
});
