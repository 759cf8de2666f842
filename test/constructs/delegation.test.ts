/** The delegation constructs on their own: what they render and what they refuse. */
import { A2aVaultTopology } from '../../lib/constructs/topology';
import { IdentityEntity } from '../../lib/constructs/identity-entity';
import { MayActScope } from '../../lib/constructs/may-act-scope';
import { goDuration, TokenExchangeEngine, type TokenExchangeEngineProps } from '../../lib/constructs/token-exchange-engine';
import { TokenExchangeRole, type TokenExchangeRoleProps } from '../../lib/constructs/token-exchange-role';
import { InvalidPropsError } from '../../lib/constructs/validate';
import { compile } from '../../lib/plan/compile';
import type { AccessPlan } from '../../lib/plan/types';
import { delegation } from '../support/normalized';
import { onlyResource, resources, synthStack } from '../support/synth';

function issuesOf(build: () => void): readonly string[] {
  try {
    build();
  } catch (e) {
    if (e instanceof InvalidPropsError) return e.issues;
    throw e;
  }
  throw new Error('expected InvalidPropsError');
}

const engineProps: TokenExchangeEngineProps = {
  path: 'identity-delegation',
  plugin: 'vault-plugin-identity-delegation',
  issuer: 'https://vault.example.com:8200/v1/identity-delegation',
  subjectJwksUri: 'https://vault.example.com:8200/v1/identity/oidc/provider/chat/.well-known/keys',
  defaultTtlSeconds: 900,
  key: { name: 'k', algorithm: 'RS256', keySize: 2048 },
};

const roleProps = (engine: TokenExchangeEngine): TokenExchangeRoleProps => ({
  engine,
  name: 'sum.chat',
  boundIssuer: 'https://vault.example.com:8200/v1/identity/oidc/provider/chat',
  boundAudiences: ['client-1'],
  context: ['docs.documents.read'],
  audiences: ['https://docs.example.com'],
  ttlSeconds: 300,
});

describe('goDuration (the plugin reads TTLs back as Go durations)', () => {
  test.each([
    [30, '30s'],
    [90, '1m30s'],
    [900, '15m0s'],
    [3600, '1h0m0s'],
    [5430, '1h30m30s'],
    [86400, '24h0m0s'],
  ])('%i s → %s', (seconds, text) => expect(goDuration(seconds)).toBe(text));
});

describe('MayActScope', () => {
  test('renders the RFC 8693 may_act claim (one object) from the references it is given', () => {
    const json = synthStack((s) => {
      const e = new IdentityEntity(s, 'e', { name: 'sum' });
      new MayActScope(s, 'scope', { name: 'chat.may-act.sum', actors: [{ clientId: 'client-a', entityId: e.entityId }] });
    });
    const scope = onlyResource(json, 'vault_identity_oidc_scope');
    const entity = Object.keys(json.resource!.vault_identity_entity)[0];
    expect(scope).toEqual({ name: 'chat.may-act.sum', template: `{"may_act":{"client_id":"client-a","sub":"\${vault_identity_entity.${entity}.id}"}}` });
  });

  test('the array form lists the actors in order; the RFC form refuses more than one', () => {
    const actors = [{ clientId: 'client-a', entityId: 'entity-a' }, { clientId: 'client-b', entityId: 'entity-b' }];
    const json = synthStack((s) => new MayActScope(s, 'scope', { name: 'chat.may-act.a.b', actors, form: 'array' }));
    expect(onlyResource(json, 'vault_identity_oidc_scope').template).toBe(
      '{"may_act":[{"client_id":"client-a","sub":"entity-a"},{"client_id":"client-b","sub":"entity-b"}]}',
    );
    expect(issuesOf(() => synthStack((s) => new MayActScope(s, 'scope', { name: 'chat.may-act.a.b', actors })))).toEqual([
      'actors lists 2 actors, but an RFC 8693 may_act claim names one party; give one actor, or form: "array"',
    ]);
  });

  test('refuses no actors, a duplicate actor and a bad or reserved name', () => {
    expect(issuesOf(() => synthStack((s) => new MayActScope(s, 'x', { name: 'openid', actors: [] })))).toEqual([
      'name "openid" is a built-in Vault object; choose another name',
      'actors is empty; list the agents that may act for the users of this scope, or do not create it',
    ]);
    const twice = [{ clientId: 'a', entityId: 'e' }, { clientId: 'b', entityId: 'e' }];
    expect(issuesOf(() => synthStack((s) => new MayActScope(s, 'x', { name: 'a/b', actors: twice, form: 'array' })))).toEqual([
      expect.stringContaining('name "a/b" is not a valid Vault name'),
      'actors[].entityId lists "e" twice',
    ]);
  });
});

describe('TokenExchangeEngine and TokenExchangeRole', () => {
  test('mount, config, key and a role bound to an issuer and audience', () => {
    const json = synthStack((s) => {
      const engine = new TokenExchangeEngine(s, 'engine', engineProps);
      new TokenExchangeRole(s, 'role', roleProps(engine));
    });
    expect(onlyResource(json, 'vault_mount')).toMatchObject({ path: 'identity-delegation', type: 'vault-plugin-identity-delegation' });
    const mount = `\${vault_mount.${Object.keys(json.resource!.vault_mount)[0]}.path}`;
    const [config, key, role] = ['config', 'key/k', 'role/sum.chat'].map((p) => resources(json, 'vault_generic_endpoint').find((e) => e.path === `${mount}/${p}`));
    expect(JSON.parse(config!.data_json as string)).toEqual({ issuer: engineProps.issuer, subject_jwks_uri: engineProps.subjectJwksUri, default_ttl: '15m0s' });
    expect(key).toEqual({ path: `${mount}/key/k`, data_json: '{"algorithm":"RS256","key_size":2048}', ignore_absent_fields: true });
    expect(JSON.parse(role!.data_json as string)).toEqual({
      key: 'k',
      ttl: '5m0s',
      subject_template: '{"a2a_user":{"name":"{{identity.subject.a2a_user.name}}"}}',
      // The plugin renders it with the caller's entity: the actor is whoever exchanges.
      actor_template: '{"act":{"sub":"{{identity.entity.id}}"},"aud":["https://docs.example.com"],"a2a_agent":{"name":"{{identity.entity.metadata.a2a_agent}}","owner":"{{identity.entity.metadata.a2a_owner}}","type":"headless"}}',
      context: ['docs.documents.read'],
      bound_issuer: 'https://vault.example.com:8200/v1/identity/oidc/provider/chat',
      bound_audiences: ['client-1'],
    });
    expect(role!.depends_on).toEqual([expect.stringMatching(/^vault_generic_endpoint\..*key/)]);
  });

  test('the engine refuses a built-in mount path, an empty plugin, a non-https JWKS and a long TTL', () => {
    const issues = issuesOf(() =>
      synthStack((s) => new TokenExchangeEngine(s, 'e', { ...engineProps, path: 'sys', plugin: ' ', subjectJwksUri: 'http://x/keys', defaultTtlSeconds: 90000 })),
    );
    expect(issues).toEqual([
      'path "sys" is a built-in Vault mount; choose another name',
      'plugin is empty; give the plugin name registered in the plugin catalog',
      'subjectJwksUri "http://x/keys" must be an https URL',
      'defaultTtlSeconds is 90000s; at most 86400s is allowed for a short-lived credential',
    ]);
  });

  test('a role without bound issuer or audiences would accept any token the JWKS verifies: refused', () => {
    const issues = issuesOf(() =>
      synthStack((s) => {
        const engine = new TokenExchangeEngine(s, 'engine', engineProps);
        new TokenExchangeRole(s, 'role', { ...roleProps(engine), boundIssuer: '', boundAudiences: [], context: ['a b'], audiences: ['https://x.example.com/{{identity.entity.name}}'] });
      }),
    );
    expect(issues).toEqual([
      'boundIssuer is empty; give the exact value',
      'boundAudiences is empty; give the client_id of the OIDC client whose ID tokens this role accepts',
      'context[0] "a b" contains "," or " ", which would split it',
      'audiences[0] "https://x.example.com/{{identity.entity.name}}" contains "{{" or "}}", which the plugin would read as a template tag',
    ]);
  });
});

describe('A2aVaultTopology with delegation', () => {
  const plan = compile(delegation());

  test('without tokenExchange: actor-token roles and may_act scopes, no engine', () => {
    const { tokenExchange: _, ...rest } = plan.delegation!;
    const json = synthStack((s) => new A2aVaultTopology(s, 'topology', { plan: { ...plan, delegation: rest } }));
    expect(json.resource?.vault_mount).toBeUndefined();
    expect(json.resource?.vault_generic_endpoint).toBeUndefined();
    expect(resources(json, 'vault_identity_oidc_scope').map((s) => s.name)).toEqual([
      'chat.may-act.mailer.summarizer',
      'chat.may-act.summarizer',
      'portal.may-act.summarizer',
      'a2a-agent.chat',
      'a2a-agent.portal',
      'docs.documents.read',
      'mail.mail.send',
      'summarizer.summarize.run',
    ]);
  });

  test('a plan whose exchange role names an unknown partition fails, saying where', () => {
    const exchange = plan.delegation!.tokenExchange!;
    const broken: AccessPlan = {
      ...plan,
      delegation: { ...plan.delegation!, tokenExchange: { ...exchange, roles: [{ ...exchange.roles[0], partition: 'nowhere' }] } },
    };
    expect(issuesOf(() => synthStack((s) => new A2aVaultTopology(s, 'topology', { plan: broken })))).toEqual([
      'plan tokenExchange.roles[mailer.chat.may-act.mailer.summarizer]: refers to provider "nowhere", which the plan does not define',
    ]);
  });

  test('the key must list the actor-token roles the plan renders', () => {
    const noActorRoles: AccessPlan = { ...plan, key: { ...plan.key, allowedClients: plan.key.allowedClients.filter((c) => !c.name.startsWith('a2a.actor.')) } };
    const issues = issuesOf(() => synthStack((s) => new A2aVaultTopology(s, 'topology', { plan: noActorRoles })));
    expect(issues).toEqual([expect.stringContaining('differs from the clients and identity-token roles rendered')]);
  });
});
