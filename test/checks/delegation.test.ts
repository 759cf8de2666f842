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
import { delegationIntentFromPlan, intentFromPlan } from '../../lib/checks/intent';
import { compile } from '../../lib/plan/compile';
import { loadTopologyFile } from '../../lib/topology';

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> };

const FILE = path.join(__dirname, '..', '..', 'examples', 'delegation', 'topology.yaml');
const plan = compile(loadTopologyFile(FILE));
const options = { intent: intentFromPlan(plan), delegations: delegationIntentFromPlan(plan) };

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
  expect(options.intent['chat.may-act.summarizer']).toEqual(['chat.may-act.summarizer', 'docs.documents.read', 'mail.mail.send', 'summarizer.summarize.run']);
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

  test('a non-actor able to exchange: chat gets summarizer\'s token path; mailer gets a glob over the engine', () => {
    const doc = synth();
    const chat = find(doc, 'vault_policy', 'a2a-agent-chat');
    chat.policy += '\npath "identity-delegation/token/summarizer.chat.may-act.summarizer" {\n  capabilities = ["update"]\n}\n';
    const found = rules(doc, false);
    expect(found.filter((f) => f.includes('chat can write'))).toEqual([
      'A2A-EXCHANGE-NON-ACTOR entity:chat entity:chat can write identity-delegation/token/summarizer.chat.may-act.summarizer and so exchange user tokens as if it were "summarizer"',
      'A2A-EXCHANGE-NON-ACTOR login-role:kubernetes/chat login-role:kubernetes/chat can write identity-delegation/token/summarizer.chat.may-act.summarizer and so exchange user tokens as if it were "summarizer"',
    ]);
    const doc2 = synth();
    find(doc2, 'vault_policy', 'a2a-agent-mailer').policy += '\npath "identity-delegation/*" {\n  capabilities = ["create", "update"]\n}\n';
    const mailer = rules(doc2, false).filter((f) => f.startsWith('A2A-EXCHANGE-NON-ACTOR entity:mailer'));
    expect(mailer.map((f) => f.replace(/^.* can write ([^\s,]+).*$/, '$1')).sort()).toEqual([
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
      'A2A-EXCHANGE-MAYACT entity:summarizer exchange role "identity-delegation/role/summarizer.chat.may-act.summarizer" lets "summarizer" exchange ID tokens of provider "chat", whose may_act does not name "summarizer"',
    ]);
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
      login: { mount: 'kubernetes', serviceAccount: 'webmail', namespace: 'apps' },
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
