/** Resource-server JWTs resolving to agents' entities (issue #13, part 5): the aliases, the entities' baseline, the L2. */
import { TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { EntityAlias } from '../../lib/constructs/entity-alias';
import { IdentityEntity } from '../../lib/constructs/identity-entity';
import { checkStackSync } from '../../lib/checks/check';
import { checkIntentFromPlan } from '../../lib/checks/intent';
import { normalizeTopology } from '../../lib/topology';
import type { TerraformJson } from '../support/synth';

const scope = (): Construct => new TerraformStack(Testing.app(), 't');

test("an accessor named by an auth mount: the alias refers to that mount's accessor, and the stack passes every check", () => {
  const topology = normalizeTopology({
    version: 1,
    vault: { address: 'https://vault.example.com:8200' },
    authMounts: { k8s: { type: 'kubernetes', path: 'kubernetes' }, idp: { type: 'jwt', path: 'jwt/idp' } },
    resourceServers: {
      idp: { issuer: 'https://idp.example.com', jwksUri: 'https://idp.example.com/keys', audiences: ['vault'], entityAliases: { mount: 'idp' } },
    },
    agents: {
      srv: { url: 'https://srv.example.com', skills: [{ id: 's', actions: ['a'] }] },
      bot: {
        login: { mount: 'k8s', serviceAccount: 'bot', namespace: 'apps', audience: 'vault' },
        headless: true,
        registry: { subjects: { idp: 'bot@idp' } },
        calls: [{ agent: 'srv', grants: ['s:a'] }],
      },
    },
  });
  const stack = new AgentTopologyStack(Testing.app(), 'jwt', { topology });
  const json = JSON.parse(Testing.synth(stack)) as TerraformJson & { data: Record<string, Record<string, { path: string }>> };
  const mountId = Object.entries(json.data.vault_auth_backend).find(([, m]) => m.path === 'jwt/idp')![0];
  const aliases = Object.values(json.resource!.vault_identity_entity_alias!).filter((a) => a.name === 'bot@idp');
  expect(aliases).toHaveLength(1);
  expect(aliases[0]!.mount_accessor).toBe(`\${data.vault_auth_backend.${mountId}.accessor}`);
  expect(checkStackSync(json, checkIntentFromPlan(stack.plan))).toEqual([]);
});

test('EntityAlias refuses a wildcard, an empty name and surrounding whitespace', () => {
  const s = scope();
  const entity = new IdentityEntity(s, 'e', { name: 'bot' });
  expect(() => new EntityAlias(s, 'a', { entity, mountAccessor: '*', name: ' bot ' })).toThrow(/mountAccessor "\*" contains "\*"[\s\S]*name " bot " has surrounding whitespace/);
  expect(() => new EntityAlias(s, 'b', { entity, mountAccessor: 'auth_jwt_1', name: '' })).toThrow('name is empty');
});

test('IdentityEntity refuses root among its policies', () => {
  expect(() => new IdentityEntity(scope(), 'e', { name: 'bot', policies: ['root', 'a', 'a'] })).toThrow(/policies\[0\] "root" grants everything[\s\S]*policies lists "a" twice/);
});
