/**
 * examples/delegation synthesized end to end (loader → compiler → AgentTopologyStack), then read
 * back from the Terraform JSON alone: exact resources, exact may_act templates (references), who
 * reaches which actors through every client they can use, what each exchange role accepts, and
 * who may write to the exchange engine.
 */
import { Testing } from 'cdktf';
import { join, relative } from 'node:path';
import { AgentTopologyStack } from '../../lib/constructs/stack';
import { loadTopologyFile } from '../../lib/topology';
import { SynthIndex } from '../support/delegation-synth';
import type { TerraformJson } from '../support/synth';
import { assertAcyclic } from '../support/terraform-graph';

const file = relative(process.cwd(), join(__dirname, '..', '..', 'examples', 'delegation', 'topology.yaml'));

function synth(): string {
  const stack = new AgentTopologyStack(Testing.app(), 'delegation', { topology: loadTopologyFile(file) });
  return Testing.synth(stack);
}

const text = synth();
const json = JSON.parse(text) as TerraformJson;
const index = new SynthIndex(json);

/** `${type.<address of the resource of that type whose name is name>.attr}`. */
function ref(type: string, name: string, attr: string, nameField = 'name'): string {
  const found = Object.entries(json.resource?.[type] ?? {}).filter(([, body]) => body[nameField] === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return `\${${type}.${found[0][0]}.${attr}}`;
}

function bodyNamed(type: string, name: string): Record<string, unknown> {
  const found = Object.values(json.resource?.[type] ?? {}).filter((body) => body.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

test('exactly these resources', () => {
  expect(Object.fromEntries(Object.entries(json.resource ?? {}).map(([t, v]) => [t, Object.keys(v).length]))).toEqual({
    terraform_data: 4, // one generation per client
    vault_generic_endpoint: 6, // config, key, 4 exchange roles
    vault_identity_entity: 7,
    vault_identity_entity_alias: 7,
    vault_identity_group: 1,
    vault_identity_oidc: 1,
    vault_identity_oidc_assignment: 4,
    vault_identity_oidc_client: 4,
    vault_identity_oidc_key: 1,
    vault_identity_oidc_key_allowed_client_id: 8, // 4 clients, 2 call roles, 2 actor-token roles
    vault_identity_oidc_provider: 4,
    vault_identity_oidc_role: 4,
    vault_identity_oidc_scope: 8, // 3 grant scopes (chat's), 3 may_act scopes, 2 agent scopes (chat, portal)
    vault_kubernetes_auth_backend_role: 4,
    vault_mount: 1,
    vault_policy: 4,
  });
  assertAcyclic(json);
});

test('may_act templates name each actor by its actor-token role client_id and its entity id', () => {
  const entry = (agent: string) => ({ client_id: ref('vault_identity_oidc_role', `a2a.actor.${agent}`, 'client_id'), sub: ref('vault_identity_entity', agent, 'id') });
  const template = (name: string) => JSON.parse(bodyNamed('vault_identity_oidc_scope', name).template as string);
  expect(template('chat.may-act.summarizer')).toEqual({ may_act: [entry('summarizer')] });
  expect(template('portal.may-act.summarizer')).toEqual({ may_act: [entry('summarizer')] });
  expect(template('chat.may-act.mailer.summarizer')).toEqual({ may_act: [entry('mailer'), entry('summarizer')] });
  expect(bodyNamed('vault_identity_oidc_role', 'a2a.actor.summarizer')).toEqual({
    name: 'a2a.actor.summarizer',
    key: ref('vault_identity_oidc_key', 'delegation', 'name'),
    // Its grants under one claim, and which agent minted it (read from its entity's metadata).
    template:
      '{"actor_grants":["docs.documents.read"],"a2a_agent":{"name":{{identity.entity.metadata.a2a_agent}},"owner":{{identity.entity.metadata.a2a_owner}},"type":"headless"}}',
    ttl: 900,
  });
});

test('per user, through every client they can use: alice → {summarizer}, bob → ∅, carol → {mailer, summarizer}; mailer never for alice', () => {
  const reach = index.reach(['alice', 'bob', 'carol']);
  const view = (user: string) => Object.fromEntries(reach.get(user)!);
  expect(view('alice')).toEqual({
    chat: { clients: ['chat.may-act.summarizer'], actors: ['summarizer'] },
    portal: { clients: ['portal.may-act.summarizer'], actors: ['summarizer'] },
  });
  expect(view('bob')).toEqual({ chat: { clients: ['chat'], actors: [] } });
  expect(view('carol')).toEqual({ chat: { clients: ['chat.may-act.mailer.summarizer'], actors: ['mailer', 'summarizer'] } });
});

test('the engine: plugin mount, config pinned to a subject provider JWKS, RS256 key', () => {
  expect(Object.values(json.resource?.vault_mount ?? {})).toEqual([
    { path: 'identity-delegation', type: 'vault-plugin-identity-delegation', description: 'RFC 8693 token exchange for A2A agents acting on behalf of users' },
  ]);
  const mountPath = ref('vault_mount', 'identity-delegation', 'path', 'path');
  const endpoints = Object.values(json.resource?.vault_generic_endpoint ?? {});
  expect(endpoints.find((e) => e.path === `${mountPath}/config`)).toEqual({
    path: `${mountPath}/config`,
    data_json: JSON.stringify({
      issuer: 'https://vault.example.com:8200/v1/identity-delegation',
      subject_jwks_uri: `${ref('vault_identity_oidc_provider', 'chat.may-act.mailer.summarizer', 'issuer')}/.well-known/keys`,
      default_ttl: '15m0s',
    }),
    ignore_absent_fields: true,
  });
  expect(endpoints.find((e) => e.path === `${mountPath}/key/delegation`)).toEqual({
    path: `${mountPath}/key/delegation`,
    data_json: '{"algorithm":"RS256","key_size":2048}',
    ignore_absent_fields: true,
  });
});

test('every exchange role is bound to one partition whose users all delegated to its actor', () => {
  const reach = index.reach(['alice', 'bob', 'carol']);
  const declared: Record<string, string[]> = { alice: ['summarizer'], bob: [], carol: ['mailer', 'summarizer'] };
  const roles = index.exchangeRoles();
  expect(roles.map((r) => [r.path.replace(/^.*\/role\//, ''), r.actor, r.issuerProvider?.name, r.audienceClients.map((c) => c.name)])).toEqual([
    ['mailer.chat.may-act.mailer.summarizer', 'mailer', 'chat.may-act.mailer.summarizer', ['chat.may-act.mailer.summarizer']],
    ['summarizer.chat.may-act.mailer.summarizer', 'summarizer', 'chat.may-act.mailer.summarizer', ['chat.may-act.mailer.summarizer']],
    ['summarizer.chat.may-act.summarizer', 'summarizer', 'chat.may-act.summarizer', ['chat.may-act.summarizer']],
    ['summarizer.portal.may-act.summarizer', 'summarizer', 'portal.may-act.summarizer', ['portal.may-act.summarizer']],
  ]);
  for (const role of roles) {
    // The issuer's provider allows exactly the audience client.
    expect(index.providerClient(role.issuerProvider!)).toBe(role.audienceClients[0]);
    const users = index.admitted(role.audienceClients[0]);
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect(declared[user]).toContain(role.actor);
    // ...and the same users' tokens name the actor in may_act.
    for (const user of users) expect([...reach.get(user)!.values()].some((r) => r.actors.includes(role.actor))).toBe(true);
  }
  const summarizer = roles.find((r) => r.path.endsWith('/role/summarizer.chat.may-act.summarizer'))!;
  expect(summarizer.data).toEqual({
    key: 'delegation',
    ttl: '15m0s',
    // The user's name from the subject token; the plugin writes it under subject_claims.
    subject_template: '{"a2a_user":{"name":"{{identity.subject.a2a_user.name}}"}}',
    // act.sub is whoever exchanges (the plugin renders the caller's entity id): the ACL binds the actor.
    actor_template: JSON.stringify({ act: { sub: '{{identity.entity.id}}' }, aud: ['https://docs.example.com'], a2a_agent: JSON.parse('{"name":"{{identity.entity.metadata.a2a_agent}}","owner":"{{identity.entity.metadata.a2a_owner}}","type":"headless"}') }),
    context: ['docs.documents.read'],
    bound_issuer: ref('vault_identity_oidc_provider', 'chat.may-act.summarizer', 'issuer'),
    bound_audiences: [ref('vault_identity_oidc_client', 'chat.may-act.summarizer', 'client_id')],
  });
});

test('the delegation bound: every scope a role puts in a delegated token is one each user it accepts can obtain by signing in', () => {
  const roles = index.exchangeRoles();
  expect(roles.length).toBe(4);
  for (const role of roles) {
    for (const user of index.admitted(role.audienceClients[0])) {
      const obtainable = index.obtainableScopes(user);
      for (const scope of role.data.context as string[]) expect(obtainable).toContain(scope);
    }
  }
  expect(index.obtainableScopes('alice')).toEqual(['docs.documents.read', 'mail.mail.send', 'summarizer.summarize.run']);
});

test('only actors may write to the engine, each exactly to its own roles; nobody reads its config, keys or roles', () => {
  const engineRules = [...index.policyRulesByAgent()]
    .map(([agent, rules]) => [agent, rules.filter(([path]) => path.startsWith('identity-delegation/'))] as const)
    .filter(([, rules]) => rules.length > 0);
  expect(engineRules).toEqual([
    ['mailer', [['identity-delegation/token/mailer.chat.may-act.mailer.summarizer', ['create', 'update']]]],
    [
      'summarizer',
      [
        ['identity-delegation/token/summarizer.chat.may-act.mailer.summarizer', ['create', 'update']],
        ['identity-delegation/token/summarizer.chat.may-act.summarizer', ['create', 'update']],
        ['identity-delegation/token/summarizer.portal.may-act.summarizer', ['create', 'update']],
      ],
    ],
  ]);
  expect(index.policyRulesByAgent().get('chat')).toEqual([
    ['identity/oidc/client/chat', ['read']],
    ['identity/oidc/client/chat.may-act.mailer.summarizer', ['read']],
    ['identity/oidc/client/chat.may-act.summarizer', ['read']],
  ]);
});

test('outputs: the sign-in client per user, actor-token audiences; no secret anywhere', () => {
  expect(json.output?.delegation_sign_in_clients?.value).toEqual({
    chat: { alice: 'chat.may-act.summarizer', bob: 'chat', carol: 'chat.may-act.mailer.summarizer' },
    portal: { alice: 'portal.may-act.summarizer' },
  });
  expect(Object.keys(json.output?.identity_token_audiences?.value as object)).toEqual(['a2a.actor.mailer', 'a2a.actor.summarizer', 'mailer.mail', 'summarizer.docs']);
  expect(text).not.toMatch(/client_secret|private_key/);
});

test('synthesis is deterministic', () => {
  expect(synth()).toBe(text);
});
