/**
 * The cards against `@a2a-js/sdk` 1.3.0: our types assign to the SDK's (checked by the compiler:
 * ts-jest fails the suite on a type error), the JSON we write is what the SDK's own codecs write,
 * and the SDK's 0.3 → 1.0 card translation turns our 0.3 card into our 1.0 card.
 */
// The SDK requires `jose` (ESM-only) at load time for Agent Card signatures, which jest's CommonJS
// runtime cannot load and this test never uses; the codecs under test do not touch it.
jest.mock('jose', () => ({}));

import {
  AgentCard as AgentCardCodec,
  AgentSkill as AgentSkillCodec,
  type AgentCapabilities,
  type AgentCard,
  type AgentSkill,
  type SecurityRequirement,
  type SecurityScheme,
} from '@a2a-js/sdk';
import { parseLegacyAgentCard } from '@a2a-js/sdk/compat/v0_3/client';
import type { LegacyRestTransportHandler } from '@a2a-js/sdk/compat/v0_3/server';
import { cardSecurityV03, type V03CardSecurity } from '../../lib/review/card-v0_3';
import { cardSecurityV1, cardSecurityV1Json, type V1CardSecurity } from '../../lib/review/card-v1';
import { serverAccess } from '../../lib/review/server-access';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { delegation, expense, headless, helloWorld } from '../support/normalized';

/** The SDK's 0.3 card type is not exported by name; it is what the 0.3 extended-card handler returns. */
type LegacyAgentCard = Awaited<ReturnType<LegacyRestTransportHandler['getAuthenticatedExtendedAgentCard']>>;
type LegacyAgentSkill = LegacyAgentCard['skills'][number];

/** Compile-time: every part of our 1.0 card is a value of the SDK's 1.0 types. */
function asSdkV1(card: V1CardSecurity) {
  const schemes: { [name: string]: SecurityScheme } = card.securitySchemes;
  const requirements: SecurityRequirement[] = card.securityRequirements;
  const capabilities: AgentCapabilities = card.capabilities;
  const skills: Pick<AgentSkill, 'id' | 'securityRequirements'>[] = card.skills;
  const part: Pick<AgentCard, 'securitySchemes' | 'securityRequirements' | 'capabilities'> = card;
  return { schemes, requirements, capabilities, skills, part };
}

/** Compile-time: our 0.3 card is a value of the SDK's 0.3 types. */
function asSdkV03(card: V03CardSecurity) {
  const part: Pick<LegacyAgentCard, 'securitySchemes' | 'security' | 'supportsAuthenticatedExtendedCard'> = card;
  const skills: Pick<LegacyAgentSkill, 'id' | 'security'>[] = card.skills;
  return { part, skills };
}

function variants(): [string, NormalizedTopology][] {
  const t = helloWorld();
  return [
    ['hello-world', t],
    ['headless', headless()],
    ['expense', expense()],
    ['browser and headless', { ...t, agents: [t.agents[0], { ...t.agents[1], headless: true }] }],
    ['delegation', delegation()],
  ];
}

describe.each(variants())('%s', (_name, topology) => {
  const access = serverAccess(topology).filter((a) => a.schemes.length > 0);

  test('1.0: our JSON is what the SDK writes for the same card, and reads back to it', () => {
    for (const server of access) {
      const doc = cardSecurityV1(server);
      const json = cardSecurityV1Json(doc) as Record<string, unknown>;
      for (const which of ['agentCard', 'extendedAgentCard'] as const) {
        const card = doc[which];
        if (!card) {
          expect(json[which]).toBeUndefined();
          continue;
        }
        asSdkV1(card);
        const sdkCard: AgentCard = {
          ...AgentCardCodec.fromJSON({}),
          ...card,
          skills: card.skills.map((s) => ({ ...AgentSkillCodec.fromJSON({}), ...s })),
        };
        expect(json[which]).toEqual(AgentCardCodec.toJSON(sdkCard));
        const back = AgentCardCodec.fromJSON(json[which]);
        expect(back.securitySchemes).toEqual(card.securitySchemes);
        expect(back.securityRequirements).toEqual(card.securityRequirements);
        expect(back.capabilities?.extendedAgentCard).toBe(card.capabilities.extendedAgentCard);
        expect(back.skills.map((s) => [s.id, s.securityRequirements])).toEqual(card.skills.map((s) => [s.id, s.securityRequirements]));
      }
    }
  });

  test("0.3: the SDK's translation to 1.0 gives our 1.0 card", () => {
    for (const server of access) {
      const v03 = cardSecurityV03(server);
      const v1 = cardSecurityV1(server);
      for (const which of ['agentCard', 'extendedAgentCard'] as const) {
        const card03 = v03[which];
        const card1 = v1[which];
        expect(card03 === undefined).toBe(card1 === undefined);
        if (!card03 || !card1) continue;
        asSdkV03(card03);
        const full: LegacyAgentCard = {
          name: server.server,
          description: 'test card',
          url: 'https://agent.example.com',
          version: '1.0.0',
          protocolVersion: '0.3.0',
          capabilities: {},
          defaultInputModes: ['text/plain'],
          defaultOutputModes: ['text/plain'],
          ...card03,
          skills: card03.skills.map((s) => ({ name: s.id, description: 'test skill', tags: [], ...s })),
        };
        const translated = parseLegacyAgentCard(full);
        // The same card, except that 0.3 (OpenAPI 3.0) bearer requirements list nothing, so the
        // per-action alternatives of a bearer scheme collapse into one; the schemes' descriptions
        // name the claims on both versions.
        const bearer = new Set(Object.entries(card1.securitySchemes).filter(([, s]) => s.scheme.$case === 'httpAuthSecurityScheme').map(([n]) => n));
        const as03 = (rs: V1CardSecurity['securityRequirements']) => {
          const out = rs.map((r) => ({ schemes: Object.fromEntries(Object.entries(r.schemes).map(([n, l]) => [n, { list: bearer.has(n) ? [] : l.list }])) }));
          return out.filter((r, i) => out.findIndex((o) => JSON.stringify(o) === JSON.stringify(r)) === i);
        };
        expect(translated.securitySchemes).toEqual(card1.securitySchemes);
        expect(translated.securityRequirements).toEqual(as03(card1.securityRequirements));
        expect(translated.capabilities?.extendedAgentCard).toBe(card1.capabilities.extendedAgentCard);
        expect(translated.skills.map((s) => [s.id, s.securityRequirements])).toEqual(card1.skills.map((s) => [s.id, as03(s.securityRequirements)]));
      }
    }
  });
});
