/**
 * The delegation rules on examples/delegation: the synthesized stack passes them (with the
 * topology's intent), the access model sees exactly the declared delegations, and each kind of
 * widening is caught by the rule meant to catch it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { analyzeStacksSync, checkStackSync } from '../../lib/checks/check';
import { checkIntentFromPlan } from '../../lib/checks/intent';
import { compile } from '../../lib/plan/compile';
import { AgentTopologyStack } from '../../lib/constructs';
import { loadTopologyFile } from '../../lib/topology';
import { delegation as delegationTopology } from '../support/normalized';

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };

const FILE = path.join(__dirname, '..', '..', 'examples', 'delegation', 'topology.yaml');
const plan = compile(loadTopologyFile(FILE));
const options = checkIntentFromPlan(plan);

function synth(): Doc {
  const result = topologyApp(FILE, () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  return JSON.parse(Testing.synth(result.stack)) as Doc;
}

/** The resource of `type` whose Vault name (or generic-endpoint path suffix) is `name`. */
function find(doc: Doc, type: string, name: string): Record<string, unknown> {
  const found = Object.values(doc.resource[type] ?? {}).filter((b) => b.name === name || (typeof b.path === 'string' && b.path.endsWith(`/${name}`)));
  if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}`);
  return found[0];
}

function refOf(doc: Doc, type: string, name: string, attr: string): string {
  const entry = Object.entries(doc.resource[type]).find(([, b]) => b.name === name);
  return `\${${type}.${entry![0]}.${attr}}`;
}

const rules = (doc: Doc, withIntent = true) => checkStackSync(doc, withIntent ? options : {}).map((f) => `${f.rule} ${f.principal ?? ''} ${f.message}`);

test('the intent read from the plan', () => {
  expect(options.delegations).toEqual({ alice: ['summarizer'], bob: [], carol: ['mailer', 'summarizer'] });
  expect(options.exchangeActors).toEqual({
    'identity-delegation/mailer.chat.may-act.mailer.summarizer': 'mailer',
    'identity-delegation/summarizer.chat.may-act.mailer.summarizer': 'summarizer',
    'identity-delegation/summarizer.chat.may-act.summarizer': 'summarizer',
    'identity-delegation/summarizer.portal.may-act.summarizer': 'summarizer',
  });
  expect(options.intent['chat.may-act.summarizer']).toEqual(['a2a-agent.chat', 'chat.may-act.summarizer', 'docs.documents.read', 'mail.mail.send', 'summarizer.summarize.run']);
});

test('the synthesized example has zero findings, with and without the intent', () => {
  expect(rules(synth())).toEqual([]);
  expect(rules(synth(), false)).toEqual([]);
});

test('the access model sees exactly the declared delegations', () => {
  const [analysis] = analyzeStacksSync(synth() as object, options);
  const actors = (id: string) => [...new Set(analysis.access.principals[id].mayActActors.map((e) => e.actorEntity))].sort();
  expect(actors('entity:alice')).toEqual(['summarizer']);
  expect(actors('entity:bob')).toEqual([]);
  expect(actors('entity:carol')).toEqual(['mailer', 'summarizer']);
  // may_act names each actor by its actor-token role (the role's client_id is the token's aud), not by a Terraform address.
  expect([...new Set(analysis.access.principals['entity:carol'].mayActActors.map((e) => `${e.actorClientKind} ${e.actorClient}`))].sort()).toEqual([
    'identity-token-role a2a.actor.mailer',
    'identity-token-role a2a.actor.summarizer',
  ]);
  // Exactly the actor can exchange with each role, and only the roles of partitions whose users delegate to it.
  expect(analysis.access.principals['entity:mailer'].tokenExchanges).toEqual([
    { mount: 'identity-delegation', role: 'mailer.chat.may-act.mailer.summarizer', actor: 'mailer' },
  ]);
  expect(analysis.access.principals['entity:summarizer'].tokenExchanges.map((t) => `${t.role} ${t.actor}`)).toEqual([
    'summarizer.chat.may-act.mailer.summarizer summarizer',
    'summarizer.chat.may-act.summarizer summarizer',
    'summarizer.portal.may-act.summarizer summarizer',
  ]);
  for (const id of ['entity:chat', 'entity:portal', 'entity:alice', 'group:staff']) expect(analysis.access.principals[id].tokenExchanges).toEqual([]);
  expect(analysis.model.exchangeRoles.map((r) => r.name)).toEqual([
    'mailer.chat.may-act.mailer.summarizer',
    'summarizer.chat.may-act.mailer.summarizer',
    'summarizer.chat.may-act.summarizer',
    'summarizer.portal.may-act.summarizer',
  ]);
  expect(analysis.model.exchangeEndpoints.map((e) => e.path)).toEqual([
    'identity-delegation/config',
    'identity-delegation/key/delegation',
    'identity-delegation/role/mailer.chat.may-act.mailer.summarizer',
    'identity-delegation/role/summarizer.chat.may-act.mailer.summarizer',
    'identity-delegation/role/summarizer.chat.may-act.summarizer',
    'identity-delegation/role/summarizer.portal.may-act.summarizer',
  ]);
});

describe('each widening is caught by its rule', () => {
  test('may_act wider than the delegations: alice\'s scope also names mailer', () => {
    const doc = synth();
    const wide = find(doc, 'vault_identity_oidc_scope', 'chat.may-act.mailer.summarizer').template;
    find(doc, 'vault_identity_oidc_scope', 'chat.may-act.summarizer').template = wide;
    expect(rules(doc)).toEqual([
      'A2A-MAYACT-EXCESS entity:alice scope:chat.may-act.summarizer names "mailer" in may_act for alice, who delegates only to summarizer',
    ]);
  });

  test('may_act reachable by a user who delegated to nobody: bob assigned to alice\'s partition', () => {
    const doc = synth();
    const assignment = find(doc, 'vault_identity_oidc_assignment', 'chat.may-act.summarizer');
    (assignment.entity_ids as string[]).push(refOf(doc, 'vault_identity_entity', 'bob', 'id'));
    expect(rules(doc)).toEqual([
      'A2A-MAYACT-EXCESS entity:bob scope:chat.may-act.summarizer names "summarizer" in may_act for bob, who delegates to nobody',
    ]);
  });

  test('may_act reachable through a group (no intent needed)', () => {
    const doc = synth();
    const assignment = find(doc, 'vault_identity_oidc_assignment', 'chat.may-act.summarizer');
    assignment.group_ids = [refOf(doc, 'vault_identity_group', 'staff', 'id')];
    expect(rules(doc, false)).toEqual([
      'A2A-MAYACT-GROUP-REACH group:staff every member of group "staff" can obtain scope:chat.may-act.summarizer, naming "summarizer" in may_act',
    ]);
  });

  const SUMMARIZER_CHAT = 'identity-delegation/token/summarizer.chat.may-act.summarizer';
  const grant = (doc: Doc, agent: string, path: string) => {
    find(doc, 'vault_policy', `a2a-agent-${agent}`).policy += `\npath "${path}" {\n  capabilities = ["update"]\n}\n`;
  };

  test('a non-actor able to exchange, with the intent: chat gets summarizer\'s token path', () => {
    const doc = synth();
    grant(doc, 'chat', SUMMARIZER_CHAT);
    expect(rules(doc)).toEqual([
      'A2A-EXCHANGE-MAYACT entity:chat exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" lets "chat" (who can write its token path) exchange ID tokens of provider "chat.may-act.summarizer", whose may_act does not name "chat"',
      `A2A-EXCHANGE-NON-ACTOR entity:chat entity:chat can write ${SUMMARIZER_CHAT}, the exchange role of "summarizer", and so act for the users it accepts with "summarizer"'s scopes and audiences`,
      `A2A-EXCHANGE-NON-ACTOR login-role:kubernetes/chat login-role:kubernetes/chat can write ${SUMMARIZER_CHAT}, the exchange role of "summarizer", and so act for the users it accepts with "summarizer"'s scopes and audiences`,
    ]);
  });

  test('a non-actor able to exchange, without the intent: a role with two writers', () => {
    const doc = synth();
    grant(doc, 'chat', SUMMARIZER_CHAT);
    const nonActor = rules(doc, false).filter((f) => f.startsWith('A2A-EXCHANGE-NON-ACTOR'));
    const many = 'which 2 principals can write (entity:chat, entity:summarizer); the plugin names whoever calls as actor, so each of them acts for the users the role accepts';
    expect(nonActor).toEqual(
      ['entity:chat', 'entity:summarizer', 'login-role:kubernetes/chat', 'login-role:kubernetes/summarizer'].map(
        (p) => `A2A-EXCHANGE-NON-ACTOR ${p} ${p} can write ${SUMMARIZER_CHAT}, ${many}`,
      ),
    );
    expect(rules(doc, false)).toContain(
      'A2A-EXCHANGE-MAYACT entity:chat exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" lets "chat" (who can write its token path) exchange ID tokens of provider "chat.may-act.summarizer", whose may_act does not name "chat"',
    );
  });

  test('another delegated actor takes over a role: mailer writes summarizer\'s role on carol\'s partition instead of summarizer', () => {
    const doc = synth();
    const path = 'identity-delegation/token/summarizer.chat.may-act.mailer.summarizer';
    const summarizer = find(doc, 'vault_policy', 'a2a-agent-summarizer');
    summarizer.policy = (summarizer.policy as string).replace(`path "${path}"`, 'path "identity-delegation/token/unused"');
    grant(doc, 'mailer', path);
    // mailer is in carol's may_act, and is the role's only writer: only the intent says the role is summarizer's
    // (its context carries summarizer's grants, so mailer would gain docs.documents.read for carol).
    expect(rules(doc)).toEqual([
      `A2A-EXCHANGE-NON-ACTOR entity:mailer entity:mailer can write ${path}, the exchange role of "summarizer", and so act for the users it accepts with "summarizer"'s scopes and audiences`,
      `A2A-EXCHANGE-NON-ACTOR login-role:kubernetes/mailer login-role:kubernetes/mailer can write ${path}, the exchange role of "summarizer", and so act for the users it accepts with "summarizer"'s scopes and audiences`,
    ]);
  });

  test('a glob over the engine: mailer can write every role, token path and the engine\'s own config', () => {
    const doc2 = synth();
    find(doc2, 'vault_policy', 'a2a-agent-mailer').policy += '\npath "identity-delegation/*" {\n  capabilities = ["create", "update"]\n}\n';
    for (const withIntent of [true, false]) {
      const mailer = rules(doc2, withIntent).filter((f) => f.startsWith('A2A-EXCHANGE-NON-ACTOR entity:mailer'));
      expect(mailer.map((f) => f.replace(/^.*? can write ([^\s,]+).*$/, '$1')).sort()).toEqual([
        'identity-delegation/config',
        'identity-delegation/key/delegation',
        'identity-delegation/role/mailer.chat.may-act.mailer.summarizer',
        'identity-delegation/role/summarizer.chat.may-act.mailer.summarizer',
        'identity-delegation/role/summarizer.chat.may-act.summarizer',
        'identity-delegation/role/summarizer.portal.may-act.summarizer',
        'identity-delegation/token/summarizer.chat.may-act.mailer.summarizer',
        'identity-delegation/token/summarizer.chat.may-act.summarizer',
        'identity-delegation/token/summarizer.portal.may-act.summarizer',
      ]);
    }
  });

  const setActorTemplate = (doc: Doc, template: string) => {
    const role = find(doc, 'vault_generic_endpoint', 'role/summarizer.chat.may-act.summarizer');
    const data = JSON.parse(role.data_json as string);
    data.actor_template = template;
    role.data_json = JSON.stringify(data);
  };

  test('a fixed act.sub (the older form): another writer would be named as the fixed actor', () => {
    const doc = synth();
    setActorTemplate(doc, JSON.stringify({ act: { sub: refOf(doc, 'vault_identity_entity', 'summarizer', 'id') } }));
    expect(rules(doc, false)).toEqual([]);
    grant(doc, 'chat', SUMMARIZER_CHAT);
    expect(rules(doc, false).filter((f) => f.startsWith('A2A-EXCHANGE-NON-ACTOR'))).toEqual([
      `A2A-EXCHANGE-NON-ACTOR entity:chat entity:chat can write ${SUMMARIZER_CHAT} and so exchange user tokens as if it were "summarizer"`,
      `A2A-EXCHANGE-NON-ACTOR login-role:kubernetes/chat login-role:kubernetes/chat can write ${SUMMARIZER_CHAT} and so exchange user tokens as if it were "summarizer"`,
    ]);
  });

  test('an act.sub the checks cannot read fails closed', () => {
    const doc = synth();
    setActorTemplate(doc, JSON.stringify({ act: { sub: '{{identity.entity.name}}' } }));
    expect(rules(doc, false)).toEqual([
      'A2A-EXCHANGE-MAYACT  exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" has an actor_template whose act.sub the checks cannot read: {{identity.entity.name}}',
    ]);
  });

  test('an exchange role without bound issuer or audiences', () => {
    const doc = synth();
    const role = find(doc, 'vault_generic_endpoint', 'role/summarizer.chat.may-act.summarizer');
    const data = JSON.parse(role.data_json as string);
    delete data.bound_issuer;
    data.bound_audiences = [];
    role.data_json = JSON.stringify(data);
    expect(rules(doc, false)).toEqual([
      'A2A-EXCHANGE-UNBOUND  exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" has no bound_issuer and no bound_audiences, so it accepts subject tokens from any issuer or client',
    ]);
  });

  test('an exchange role bound to a provider whose may_act does not name its actor (bob\'s)', () => {
    const doc = synth();
    const role = find(doc, 'vault_generic_endpoint', 'role/summarizer.chat.may-act.summarizer');
    const data = JSON.parse(role.data_json as string);
    data.bound_issuer = refOf(doc, 'vault_identity_oidc_provider', 'chat', 'issuer');
    role.data_json = JSON.stringify(data);
    expect(rules(doc, false)).toEqual([
      expect.stringMatching(/^A2A-EXCHANGE-MAYACT +exchange role .* accepts audiences ".*client-chatmay-actsummarizer.*client_id" that provider "chat" does not allow$/),
      'A2A-EXCHANGE-MAYACT entity:summarizer exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" lets "summarizer" (who can write its token path) exchange ID tokens of provider "chat", whose may_act does not name "summarizer"',
    ]);
    // With the intent, the role is known to be summarizer's.
    expect(rules(doc)).toContain(
      'A2A-EXCHANGE-MAYACT entity:summarizer exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" lets "summarizer" exchange ID tokens of provider "chat", whose may_act does not name "summarizer"',
    );
  });
});

describe('may_act in the RFC 8693 form (one object)', () => {
  // The example without mailer: carol delegates to summarizer only, every user has one actor, the default form.
  const { delegation: _, ...rest } = delegationTopology();
  const topology = { ...rest, agents: rest.agents.filter((a) => a.name !== 'mailer') };
  const rfcPlan = compile(topology);
  const rfcOptions = checkIntentFromPlan(rfcPlan);
  const synthRfc = (): Doc => JSON.parse(Testing.synth(new AgentTopologyStack(Testing.app(), 'rfc', { topology }))) as Doc;
  const rfcRules = (doc: Doc) => checkStackSync(doc, rfcOptions).map((f) => `${f.rule} ${f.principal ?? ''} ${f.message}`);

  test('each may_act is one object; the stack passes; the access model reads the same delegations', () => {
    const doc = synthRfc();
    expect(JSON.parse(find(doc, 'vault_identity_oidc_scope', 'chat.may-act.summarizer').template as string).may_act).toEqual({
      client_id: refOf(doc, 'vault_identity_oidc_role', 'a2a.actor.summarizer', 'client_id'),
      sub: refOf(doc, 'vault_identity_entity', 'summarizer', 'id'),
    });
    expect(rfcRules(doc)).toEqual([]);
    const [analysis] = analyzeStacksSync(doc as object, rfcOptions);
    const actors = (id: string) => [...new Set(analysis.access.principals[id].mayActActors.map((e) => e.actorEntity))].sort();
    expect([actors('entity:alice'), actors('entity:bob'), actors('entity:carol')]).toEqual([['summarizer'], [], ['summarizer']]);
  });

  test('an object naming another entity is caught like a list would be', () => {
    const doc = synthRfc();
    const scope = find(doc, 'vault_identity_oidc_scope', 'chat.may-act.summarizer');
    scope.template = (scope.template as string).replace(refOf(doc, 'vault_identity_entity', 'summarizer', 'id'), refOf(doc, 'vault_identity_entity', 'chat', 'id'));
    expect(rfcRules(doc)).toEqual(expect.arrayContaining([expect.stringMatching(/^A2A-MAYACT-EXCESS entity:(alice|carol) scope:chat\.may-act\.summarizer names "chat" in may_act/)]));
  });
});

/**
 * The delegation bound needs users who cannot obtain everything: a variant of the example where
 * chat no longer lets its users send mail (carol gets mail.send through webmail), and dave signs
 * in through portal only, where nothing is granted.
 */
describe('A2A-DELEGATION-BOUND: each widening of what a delegated token carries is caught', () => {
  let variantFile: string;
  beforeAll(() => {
    const doc = parse(fs.readFileSync(FILE, 'utf8')) as { users: Record<string, unknown>; agents: Record<string, Record<string, unknown>> };
    doc.agents.chat.calls = [
      { agent: 'summarizer', grants: ['summarize:run'] },
      { agent: 'docs', grants: ['documents:read'] },
    ];
    doc.agents.webmail = {
      login: { mount: 'kubernetes', serviceAccount: 'webmail', namespace: 'apps', audience: 'vault' },
      oidc: { redirectUris: ['https://webmail.example.com/callback'], users: ['carol'] },
      calls: [{ agent: 'mail', grants: ['mail:send'] }],
    };
    doc.users.dave = { mount: 'userpass' };
    (doc.agents.portal.oidc as { users: string[] }).users.push('dave');
    variantFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bound-')), 'topology.yaml');
    fs.writeFileSync(variantFile, stringify(doc));
  });
  afterAll(() => fs.rmSync(path.dirname(variantFile), { recursive: true, force: true }));

  function variant(): Doc {
    const result = topologyApp(variantFile, () => Testing.app());
    if (!result.ok) throw new Error(result.message);
    return JSON.parse(Testing.synth(result.stack)) as Doc;
  }
  const bound = (doc: Doc) => rules(doc, false).filter((f) => f.startsWith('A2A-DELEGATION-BOUND '));
  const role = (doc: Doc, name: string) => {
    const r = find(doc, 'vault_generic_endpoint', `role/${name}`);
    const data = JSON.parse(r.data_json as string) as Record<string, unknown>;
    return { data, save: () => (r.data_json = JSON.stringify(data)) };
  };

  test('the variant as synthesized passes every rule; its roles carry exactly the bound', () => {
    const doc = variant();
    expect(rules(doc, false)).toEqual([]);
    const contexts = Object.values(doc.resource.vault_generic_endpoint)
      .filter((b) => /\/role\//.test(b.path as string))
      .map((b) => [(b.path as string).replace(/^.*\/role\//, ''), (JSON.parse(b.data_json as string) as { context: string[] }).context]);
    expect(contexts.sort()).toEqual([
      ['mailer.chat.may-act.mailer.summarizer', ['mail.mail.send']],
      ['mailer.webmail.may-act.mailer.summarizer', ['mail.mail.send']],
      ['summarizer.chat.may-act.mailer.summarizer', ['docs.documents.read']],
      ['summarizer.chat.may-act.summarizer', ['docs.documents.read']],
      ['summarizer.portal.may-act.summarizer', ['docs.documents.read']],
      ['summarizer.webmail.may-act.mailer.summarizer', ['docs.documents.read']],
    ]);
  });

  test("a role's context widened to a grant its user cannot obtain (mail for alice)", () => {
    const doc = variant();
    const r = role(doc, 'summarizer.chat.may-act.summarizer');
    r.data.context = ['docs.documents.read', 'mail.mail.send'];
    r.save();
    expect(bound(doc)).toEqual([
      'A2A-DELEGATION-BOUND entity:summarizer exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" (actor "summarizer") puts scopes into delegated tokens for users who cannot obtain them by signing in: alice (mail.mail.send)',
    ]);
  });

  test("the actor a finding names: the topology's for the role, else whoever can write its token path (actor_template names only the caller)", () => {
    const result = topologyApp(variantFile, () => Testing.app());
    if (!result.ok) throw new Error(result.message);
    const doc = JSON.parse(Testing.synth(result.stack)) as Doc;
    const intent = checkIntentFromPlan(result.stack.plan);
    const boundWith = (d: Doc) =>
      checkStackSync(d, intent)
        .filter((f) => f.rule === 'A2A-DELEGATION-BOUND')
        .map((f) => `${f.rule} ${f.principal ?? ''} ${f.message}`);
    const r = role(doc, 'summarizer.chat.may-act.summarizer');
    expect(JSON.parse(r.data.actor_template as string).act).toEqual({ sub: '{{identity.entity.id}}' });
    r.data.context = ['docs.documents.read', 'mail.mail.send'];
    r.save();
    const finding =
      'A2A-DELEGATION-BOUND entity:summarizer exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" (actor "summarizer") puts scopes into delegated tokens for users who cannot obtain them by signing in: alice (mail.mail.send)';
    expect(boundWith(doc)).toEqual([finding]);
    // chat can write the token path too: without the topology both writers act with the role, and
    // the finding names both and no single principal; with it, the role stays summarizer's (and
    // A2A-EXCHANGE-NON-ACTOR reports chat).
    find(doc, 'vault_policy', 'a2a-agent-chat').policy += '\npath "identity-delegation/token/summarizer.chat.may-act.summarizer" {\n  capabilities = ["update"]\n}\n';
    expect(bound(doc)).toEqual([
      'A2A-DELEGATION-BOUND  exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" (actors "chat", "summarizer") puts scopes into delegated tokens for users who cannot obtain them by signing in: alice (mail.mail.send)',
    ]);
    expect(boundWith(doc)).toEqual([finding]);
  });

  test('a role with its issuer and audience unbound accepts every user, dave among them', () => {
    const doc = variant();
    const r = role(doc, 'summarizer.portal.may-act.summarizer');
    delete r.data.bound_issuer;
    r.data.bound_audiences = [];
    r.save();
    expect(bound(doc)).toEqual([
      'A2A-DELEGATION-BOUND entity:summarizer exchange role "identity-delegation/role/summarizer.portal.may-act.summarizer" (actor "summarizer"), with no bound_issuer and no bound_audiences, accepts ID tokens of every such client\'s users and puts scopes into delegated tokens for users who cannot obtain them by signing in: dave (docs.documents.read)',
    ]);
  });

  test("a role's audience unbound while its issuer names a provider that admits dave's client too", () => {
    const doc = variant();
    const provider = find(doc, 'vault_identity_oidc_provider', 'portal.may-act.summarizer');
    (provider.allowed_client_ids as string[]).push(refOf(doc, 'vault_identity_oidc_client', 'portal', 'client_id'));
    const r = role(doc, 'summarizer.portal.may-act.summarizer');
    r.data.bound_audiences = [];
    r.save();
    expect(bound(doc)).toEqual([
      'A2A-DELEGATION-BOUND entity:summarizer exchange role "identity-delegation/role/summarizer.portal.may-act.summarizer" (actor "summarizer"), with no bound_audiences, accepts ID tokens of every such client\'s users and puts scopes into delegated tokens for users who cannot obtain them by signing in: dave (docs.documents.read)',
    ]);
  });

  test("a user who lacks the grant is added to the partition's assignment (dave to alice's portal partition)", () => {
    const doc = variant();
    const assignment = find(doc, 'vault_identity_oidc_assignment', 'portal.may-act.summarizer');
    (assignment.entity_ids as string[]).push(refOf(doc, 'vault_identity_entity', 'dave', 'id'));
    expect(bound(doc)).toEqual([
      'A2A-DELEGATION-BOUND entity:summarizer exchange role "identity-delegation/role/summarizer.portal.may-act.summarizer" (actor "summarizer") puts scopes into delegated tokens for users who cannot obtain them by signing in: dave (docs.documents.read)',
    ]);
  });

  test('a context the model cannot read fails closed', () => {
    const doc = variant();
    const r = role(doc, 'summarizer.chat.may-act.summarizer');
    r.data.context = '${var.delegated_scopes}';
    r.save();
    expect(bound(doc)).toEqual([expect.stringMatching(/^A2A-DELEGATION-BOUND entity:summarizer exchange role .* has a context the model cannot read/)]);
  });
});
