/**
 * Names every JavaScript object has without holding them (`constructor`, `toString`, `__proto__`
 * …), used in a synthesized stack where the analysis keys its tables: resource and data source
 * types, block names, arguments, output names, references, metadata keys, client and user names.
 * Each is a name like any other: what the model does not know stays unreadable, what it knows is
 * read, nothing crashes, and nothing reaches Object.prototype.
 */
import { readOrganizationsTogether } from '../../lib/analysis/organization-stacks';
import { configurationFromPlan } from '../../lib/analysis/plan-json';
import { readStack } from '../../lib/analysis/stack';
import { analyzeStacks, checkStack } from '../../lib/checks/check';
import { diffStacks } from '../../lib/review/stack-diff';
import { accessReport } from '../../lib/review/access-report';
import { graphFromStack } from '../../lib/review/graph-from-stack';
import { stableJson } from '../../lib/review/json';
import { INHERITED_NAMES } from '../../lib/vault/own';
import { Doc, fixture, res } from '../checks/support';

/** `object[key] = value` as JSON.parse would make it: an own member, also for `__proto__`. */
const put = (object: Doc, key: string, value: unknown): void => void Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

const PROTOTYPE_MEMBERS = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => {
  // Nothing a stack says may add to (or change) what every object inherits.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_MEMBERS);
  expect(Object.keys(Object)).toEqual([]);
});

const rules = (findings: readonly { rule: string }[]) => [...new Set(findings.map((f) => f.rule))].sort();

describe('inherited names in a stack', () => {
  test('the list covers the names that were found failing open', () => {
    expect(INHERITED_NAMES).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'hasOwnProperty', 'isPrototypeOf', 'toString', 'valueOf']));
  });

  test.each(INHERITED_NAMES)('a resource type %s is unreadable, and the diff that adds it does not crash', async (name) => {
    const before = fixture('hello-world');
    const after = fixture('hello-world');
    put(after.resource, name, { x: { path: 'sys/policies/acl/admin' } });
    expect(rules(await checkStack(after))).toEqual(['A2A-MODEL-UNREADABLE']);
    const diff = await diffStacks([readStack(before, { name: 'hello-world' })], [readStack(after, { name: 'hello-world' })]);
    expect(JSON.stringify(diff)).toContain(`${name}.x`);
  });

  test.each(INHERITED_NAMES)('a data source type, a policy argument and a top-level block named %s: each unreadable', async (name) => {
    const data = fixture('hello-world');
    data.data = {};
    put(data.data, name, { x: { name: 'a' } });
    const argument = fixture('hello-world');
    put(res(argument, 'vault_policy', 'policy_test-client'), name, '${var.x}');
    const topLevel = fixture('hello-world');
    put(topLevel, name, { x: 1 });
    for (const doc of [data, argument, topLevel]) expect(rules(await checkStack(doc))).toEqual(['A2A-MODEL-UNREADABLE']);
  });

  test.each(INHERITED_NAMES)('a reference to attribute %s of a policy names no argument: it stays a reference, not an inherited function', (name) => {
    const doc = fixture('hello-world');
    const role = Object.keys(doc.resource.vault_kubernetes_auth_backend_role)[0]!;
    res(doc, 'vault_kubernetes_auth_backend_role', role).token_policies = [`\${vault_policy.policy_test-client.${name}}`];
    const block = readStack(doc).blocks.get(`vault_kubernetes_auth_backend_role.${role}`)!;
    expect(block.resolved.token_policies).toEqual([`\${vault_policy.policy_test-client.${name}}`]);
  });

  test('an argument __proto__ stays an argument when its block is resolved (not the resolved copy\'s prototype)', () => {
    const doc = fixture('hello-world');
    const client = res(doc, 'vault_identity_oidc_client', 'client_test-client');
    put(client, '__proto__', { client_type: 'public' });
    const block = readStack(doc).blocks.get('vault_identity_oidc_client.client_test-client')!;
    expect(block.resolved).not.toBe(client); // `key` and `assignments` resolve: the copy is new
    expect(Object.getPrototypeOf(block.resolved)).toBe(Object.prototype);
    expect(Object.keys(block.resolved)).toContain('__proto__');
  });

  test('a legacy `policy = "constructor"` in a policy is a parse error, not a crash', async () => {
    const doc = fixture('hello-world');
    res(doc, 'vault_policy', 'policy_test-client').policy += '\npath "secret/x" {\n  policy = "constructor"\n}\n';
    const findings = await checkStack(doc);
    expect(findings.find((f) => f.rule === 'A2A-POLICY-PARSE')?.message).toContain('invalid policy "constructor"');
  });

  test.each(['__proto__', 'toString'])('entity metadata %s is metadata the model reads', async (key) => {
    const doc = fixture('hello-world');
    const entity = res(doc, 'vault_identity_entity', 'entity_end-user');
    entity.metadata = {};
    put(entity.metadata, key, 'x');
    const [analysis] = await analyzeStacks(doc);
    const metadata = analysis!.model.entities.find((e) => e.name === 'end-user')!.metadata;
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.entries(metadata)).toEqual([[key, 'x']]);
  });

  test('the intent tables are read by own key: a client or user named like an inherited member is just not in the intent', async () => {
    const doc = fixture('hello-world');
    res(doc, 'vault_identity_oidc_client', 'client_test-client').name = 'toString';
    const findings = await checkStack(doc, { intent: {}, delegations: {} });
    expect(findings.filter((f) => f.rule === 'A2A-PROVIDER-SCOPE-EXCESS').map((f) => f.message)).toEqual([
      'provider "test-client" lets client "toString" request "hello-world.hello_world.read", which the topology does not grant it',
    ]);
    // Two clients of one provider, neither in the intent: their (empty) intended grants agree.
    const shared = fixture('hello-world');
    const second = { ...res(shared, 'vault_identity_oidc_client', 'client_test-client'), name: 'valueOf' };
    put(shared.resource.vault_identity_oidc_client, 'client_second', second);
    res(shared, 'vault_identity_oidc_client', 'client_test-client').name = 'constructor';
    res(shared, 'vault_identity_oidc_provider', 'provider_test-client').allowed_client_ids.push('${vault_identity_oidc_client.client_second.client_id}');
    const sharedFindings = await checkStack(shared, { intent: {} });
    expect(sharedFindings.filter((f) => f.rule === 'A2A-PROVIDER-SHARED')).toEqual([]);
    expect(sharedFindings.filter((f) => f.rule === 'A2A-PROVIDER-SCOPE-EXCESS').map((f) => f.principal)).toEqual(['oidc-client:constructor', 'oidc-client:valueOf']);
  });

  test('block names like inherited members are names like any other: zero findings, and the reviewer outputs read them', async () => {
    // As JSON text: JSON.parse makes every key an own member, `__proto__` too.
    const text = JSON.stringify(fixture('hello-world'))
      .replace('"policy_test-client":', '"__proto__":')
      .split('vault_policy.policy_test-client.').join('vault_policy.__proto__.')
      .replace('"client_test-client":', '"constructor":')
      .split('vault_identity_oidc_client.client_test-client.').join('vault_identity_oidc_client.constructor.');
    const renamed = JSON.parse(text) as Doc;
    expect(Object.keys(renamed.resource.vault_policy)).toContain('__proto__');
    expect(Object.keys(renamed.resource.vault_identity_oidc_client)).toEqual(['constructor']);
    const [analysis] = await analyzeStacks(renamed);
    expect(analysis!.findings.filter((f) => !f.suppressed)).toEqual([]);
    const [baseline] = await analyzeStacks(fixture('hello-world'));
    expect(JSON.stringify(accessReport(analysis!).principals.map((p) => [p.id, p.grants.length]))).toBe(
      JSON.stringify(accessReport(baseline!).principals.map((p) => [p.id, p.grants.length])),
    );
    expect(graphFromStack(analysis!)).toEqual(graphFromStack(baseline!));
    const diff = await diffStacks([readStack(fixture('hello-world'), { name: 'hello-world' })], [readStack(renamed, { name: 'hello-world' })]);
    expect(diff.stacks.flatMap((s) => s.access)).toEqual([]);
  });
});

describe('an organization read together', () => {
  const stacks = (edit: (shared: Doc, team: Doc) => void) => {
    const shared = fixture('hello-world');
    const team = { provider: shared.provider, resource: {} as Doc };
    edit(shared, team);
    return readOrganizationsTogether([readStack(shared, { name: 'acme' }), readStack(team, { name: 'acme.team' })]);
  };

  test.each(['__proto__', 'constructor', 'toString'])('a resource type %s in a team stack is merged (and unreadable), not written into a prototype', async (name) => {
    const merged = stacks((_, team) => put(team.resource, name, { x: { path: 'sys/policies/acl/admin' } }));
    expect(merged.map((s) => s.name)).toEqual(['acme + acme.team']);
    expect(merged[0]!.blocks.has(`${name}.x`)).toBe(true);
    expect(rules(await checkStack(merged[0]!))).toEqual(['A2A-MODEL-UNREADABLE']);
  });

  test.each(['__proto__', 'constructor', 'hasOwnProperty'])('a block named %s in both stacks, the same in each, is one block', (name) => {
    const policy = { name: 'p', policy: 'path "secret/x" { capabilities = ["read"] }' };
    const merged = stacks((shared, team) => {
      put(shared.resource.vault_policy, name, policy);
      team.resource.vault_policy = {};
      put(team.resource.vault_policy, name, policy);
    });
    expect(merged.map((s) => s.name)).toEqual(['acme + acme.team']);
    expect(merged[0]!.blocks.get(`vault_policy.${name}`)?.config).toEqual(policy);
  });
});

describe('a plan read as JSON', () => {
  const plan = (outputs: string, extraType = '') =>
    JSON.parse(`{
      "format_version": "1.2",
      "planned_values": { "root_module": { "resources": [
        { "address": "vault_identity_oidc_client.c", "mode": "managed", "type": "vault_identity_oidc_client", "name": "c", "values": { "name": "c", "client_id": "abc" } }
        ${extraType ? `, { "address": "${extraType}.x", "mode": "managed", "type": "${extraType}", "name": "x", "values": { "path": "sys/policies/acl/admin" } }` : ''}
      ] } },
      "configuration": { "root_module": {
        "resources": [{ "address": "vault_identity_oidc_client.c", "mode": "managed", "type": "vault_identity_oidc_client", "name": "c", "expressions": { "name": { "constant_value": "c" } } }],
        "outputs": ${outputs}
      } }
    }`);

  test.each(INHERITED_NAMES)('an output named %s that exposes a client secret is found', async (name) => {
    const { document } = configurationFromPlan(plan(`{ ${JSON.stringify(name)}: { "expression": { "references": ["vault_identity_oidc_client.c.client_secret", "vault_identity_oidc_client.c"] } } }`));
    expect(Object.keys(document.output as object)).toEqual([name]);
    const findings = await checkStack(document);
    expect(findings.filter((f) => f.rule === 'A2A-OUTPUT-SECRET').map((f) => f.resource)).toEqual([`output.${name}`]);
  });

  test.each(['__proto__', 'constructor'])('a resource type %s becomes a block of that type', async (name) => {
    const { document } = configurationFromPlan(plan('{}', name));
    expect(Object.keys(document.resource as object).sort()).toEqual([name, 'vault_identity_oidc_client'].sort());
    expect(rules(await checkStack(document))).toContain('A2A-MODEL-UNREADABLE');
  });
});

test('stableJson writes a key __proto__ like any other', () => {
  const value = JSON.parse('{"b": 1, "__proto__": {"x": 2}}');
  expect(stableJson(value)).toBe('{\n  "__proto__": {\n    "x": 2\n  },\n  "b": 1\n}\n');
});
