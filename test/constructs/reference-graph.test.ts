import { IdentityOidcClient } from '@cdktf/provider-vault/lib/identity-oidc-client';
import { IdentityOidcKey } from '@cdktf/provider-vault/lib/identity-oidc-key';
import { A2aVaultTopology } from '../../lib/constructs/topology';
import { helloWorldPlan, mixedPlan } from '../support/plans';
import { synthStack, type TerraformJson } from '../support/synth';
import { assertAcyclic, expressionsIn, findCycle, referenceGraph } from '../support/terraform-graph';

describe('reference graph helper', () => {
  test('collects references from expressions, data sources and depends_on; ignores escaped $${', () => {
    const json: TerraformJson = {
      data: { vault_auth_backend: { up: { path: 'userpass' } } },
      resource: {
        a_thing: {
          one: { x: 'prefix ${b_thing.two.id} and ${data.vault_auth_backend.up.accessor}', literal: '$${a_thing.three.id}' },
          three: { depends_on: ['b_thing.two'] },
        },
        b_thing: { two: { list: ['${upper(var.x)}'] } },
      },
    };
    expect(referenceGraph(json)).toEqual(
      new Map([
        ['a_thing.one', new Set(['b_thing.two', 'data.vault_auth_backend.up'])],
        ['a_thing.three', new Set(['b_thing.two'])],
        ['b_thing.two', new Set()],
        ['data.vault_auth_backend.up', new Set()],
      ]),
    );
    expect(findCycle(referenceGraph(json))).toBeUndefined();
  });

  test('finds a cycle and names it', () => {
    const json: TerraformJson = {
      resource: { t: { a: { x: '${t.b.id}' }, b: { x: '${t.c.id}' }, c: { x: '${jsonencode({k = t.a.id})}' } } },
    };
    expect(findCycle(referenceGraph(json))).toEqual(['t.a', 't.b', 't.c', 't.a']);
    expect(() => assertAcyclic(json)).toThrow('Terraform reference cycle: t.a -> t.b -> t.c -> t.a');
  });

  test('expressionsIn handles nested braces', () => {
    expect(expressionsIn('a ${f({x = 1})} b ${y.z}')).toEqual(['f({x = 1})', 'y.z']);
  });
});

describe('reference cycles in synthesized topologies', () => {
  test.each([
    ['scenario 1', helloWorldPlan],
    ['several clients, headless, JWT, AppRole', mixedPlan],
  ])('%s is acyclic', (_, plan) => {
    const json = synthStack((s) => new A2aVaultTopology(s, 'topology', { plan: plan() }));
    expect(referenceGraph(json).size).toBeGreaterThan(10);
    expect(findCycle(referenceGraph(json))).toBeUndefined();
  });

  test('the naive wiring (key lists the client that names the key) is caught', () => {
    const json = synthStack((s) => {
      const key = new IdentityOidcKey(s, 'key', { name: 'k' });
      const client = new IdentityOidcClient(s, 'client', { name: 'c', key: key.name });
      key.allowedClientIds = [client.clientId];
    });
    expect(findCycle(referenceGraph(json))).toEqual([
      'vault_identity_oidc_client.client',
      'vault_identity_oidc_key.key',
      'vault_identity_oidc_client.client',
    ]);
  });
});
