import { App, TerraformStack, Testing } from 'cdktf';
import { identityOidcClient, identityOidcKey, policy as vaultPolicy, provider } from '@cdktf/provider-vault';
import { analyzeStacksSync } from '../../lib/checks/check';
import { LeastPrivilegeAspect } from '../../lib/checks/aspect';
import { setupLeastPrivilegeMatchers } from '../../lib/checks/jest';
import { Aspects } from 'cdktf';
import { fixture, res } from './support';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

setupLeastPrivilegeMatchers();

const access = (doc: unknown) => analyzeStacksSync(doc as object)[0]!.access;

describe('effective access of the scenario fixtures', () => {
  it('scenario 1: the client agent reads only its own client secret; the user signs in and gets hello_world:read', () => {
    const doc = fixture('hello-world');
    expect(doc).toHaveExactAccess('entity:test-client', {
      vaultPaths: { 'identity/oidc/client/test-client': ['read'] },
      policies: ['a2a-agent-test-client'],
      clientCredentials: ['test-client'],
      identityTokens: [],
      scopes: ['hello-world.hello_world.read'],
      signIn: [],
      canIntrospect: false,
    });
    expect(doc).toHaveExactAccess('entity:end-user', {
      // A user's tokens carry Vault's default policy, which opens every provider's authorize endpoint.
      vaultPaths: { 'identity/oidc/provider/+/authorize': ['read', 'update'] },
      clientCredentials: [],
      signIn: ['test-client'],
      scopes: ['hello-world.hello_world.read'],
    });
    expect(doc).toHaveExactAccess('group:agent', { signIn: ['test-client'], scopes: ['hello-world.hello_world.read'] });
    const a = access(doc);
    expect(a.principals['entity:test-client']!.kind).toBe('agent');
    expect(a.principals['entity:end-user']!.kind).toBe('user');
    expect(a.principals['login-role:kubernetes/test-client']!.linked).toEqual(['entity:test-client']);
    expect(a.principals['oidc-client:test-client']!.obtainableBy).toEqual(['entity:test-client', 'login-role:kubernetes/test-client']);
    expect(a.principals['entity:end-user']!.authorize).toEqual(['test-client']);
  });

  it('scenario 2: the client mints exactly its role; the server may only introspect', () => {
    const doc = fixture('headless');
    expect(doc).toHaveExactAccess('entity:test-client', {
      vaultPaths: { 'identity/oidc/token/test-client.hello-world': ['read'] },
      identityTokens: ['test-client.hello-world'],
      canIntrospect: false,
      clientCredentials: [],
    });
    expect(doc).toHaveExactAccess('entity:hello-world', { vaultPaths: { 'identity/oidc/introspect': ['update'] }, canIntrospect: true, identityTokens: [] });
    const token = access(doc).principals['entity:test-client']!.identityTokens[0]!;
    expect(token).toEqual({ role: 'test-client.hello-world', claims: ['hello-world.hello_world.read'], ttl: 900 });
  });

  it('scenario 3: HCL, JSON and policy-document policies all count; default policy where not removed', () => {
    const doc = fixture('expense');
    expect(doc).toHaveExactAccess('entity:bookkeeper', { identityTokens: ['bookkeeper.expense'], vaultPaths: { 'identity/oidc/token/bookkeeper.expense': ['read'] } });
    expect(doc).toHaveExactAccess('entity:travel-planner', {
      identityTokens: ['travel-planner.expense'],
      policies: ['a2a-agent-travel-planner', 'default'],
      vaultPaths: { 'identity/oidc/token/travel-planner.expense': ['read'], 'identity/oidc/provider/+/authorize': ['read', 'update'] },
    });
    expect(doc).toHaveExactAccess('entity:expense', { canIntrospect: true, identityTokens: [] });
  });

  it('links an AppRole login to its entity through the role_id alias', () => {
    const a = access(fixture('two-clients'));
    expect(a.principals['entity:admin-client']!.linked).toEqual(['login-role:approle/admin-client']);
    expect(a.principals['entity:admin']!.scopes.map((s) => s.scope)).toEqual(['hello-world.hello_world.read', 'hello-world.super_hello_world.read']);
    expect(a.principals['entity:end-user']!.scopes.map((s) => s.scope)).toEqual(['hello-world.hello_world.read']);
  });

  it('shows the widening: a glob policy reaches every client, allow_all admits everyone, "*" providers serve every client', () => {
    const doc = fixture('two-clients');
    res(doc, 'vault_policy', 'policy_test-client').policy = 'path "identity/oidc/client/*" { capabilities = ["read"] }';
    res(doc, 'vault_identity_oidc_client', 'client_admin-client').assignments = ['allow_all'];
    res(doc, 'vault_identity_oidc_provider', 'provider_admin-client').allowed_client_ids = ['*'];
    const a = access(doc);
    expect(a.principals['entity:test-client']!.clientCredentials).toEqual(['admin-client', 'test-client']);
    expect(a.principals['entity:end-user']!.signIn).toEqual(['admin-client', 'test-client']);
    expect(a.principals['oidc-client:test-client']!.scopes.map((s) => `${s.provider}:${s.scope}`)).toEqual([
      'admin-client:hello-world.hello_world.read',
      'test-client:hello-world.hello_world.read',
      'admin-client:hello-world.super_hello_world.read',
    ]);
  });

  it('follows nested groups and group policy attachments', () => {
    const doc = fixture('hello-world');
    doc.resource.vault_policy.ops = { name: 'ops', policy: 'path "secret/data/ops" { capabilities = ["read"] }' };
    doc.resource.vault_identity_group.parent = { name: 'parent', member_group_ids: ['${vault_identity_group.group_agent.id}'] };
    doc.resource.vault_identity_group_policies = {};
    doc.resource.vault_identity_group_policies.parent_policies = { group_id: '${vault_identity_group.parent.id}', policies: ['${vault_policy.ops.name}'] };
    expect(doc).toHaveExactAccess('entity:end-user', {
      policies: ['default', 'ops'],
      vaultPaths: { 'identity/oidc/provider/+/authorize': ['read', 'update'], 'secret/data/ops': ['read'] },
    });
  });

  it('reads may_act claims: subjects see their actors, actors see whom they may act for', () => {
    const doc = fixture('hello-world');
    doc.resource.vault_identity_oidc_scope.delegation = {
      name: 'delegation',
      template: '{"may_act":[{"client_id":"${vault_identity_oidc_client.client_test-client.client_id}","sub":"${vault_identity_entity.entity_test-client.id}"}]}',
    };
    res(doc, 'vault_identity_oidc_provider', 'provider_test-client').scopes_supported.push('${vault_identity_oidc_scope.delegation.name}');
    const a = access(doc);
    expect(a.principals['entity:end-user']!.mayActActors).toEqual([{ via: 'scope:delegation', actorClient: 'test-client', actorEntity: 'test-client' }]);
    expect(a.principals['entity:test-client']!.actsFor.map((d) => d.subject)).toEqual(['entity:end-user', 'group:agent']);
  });

  it('caps an agent registration by its ceiling when no default ceiling is added', () => {
    const doc = fixture('headless');
    doc.resource.vault_policy.ceiling = { name: 'ceiling', policy: 'path "identity/oidc/introspect" { capabilities = ["update"] }' };
    doc.resource.vault_identity_entity['entity_test-client'].policies = ['a2a-agent-test-client'];
    doc.resource.vault_agent_registration = {
      'test-client': { display_name: 'test-client', entity_id: '${vault_identity_entity.entity_test-client.id}', ceiling_policies: ['ceiling'], no_default_ceiling_policy: true },
    };
    const reg = access(doc).principals['agent-registration:test-client']!;
    // The entity policy allows minting, but the ceiling does not: the registration cannot mint.
    expect(reg.acl.map((r) => r.pattern)).toContain('identity/oidc/token/test-client.hello-world');
    expect(reg.identityTokens).toEqual([]);
    expect(reg.linked).toEqual(['entity:test-client']);
  });

  it('is plain data: JSON round-trips and equal inputs give equal output regardless of key order', () => {
    const doc = fixture('two-clients');
    const a = access(doc);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    const reversed = JSON.parse(JSON.stringify(doc), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
    expect(JSON.stringify(access(reversed))).toBe(JSON.stringify(a));
  });
});

describe('jest matchers', () => {
  it('toPassLeastPrivilege passes a good stack and fails a widened one with the findings', () => {
    expect(fixture('expense')).toPassLeastPrivilege();
    const bad = fixture('expense');
    res(bad, 'vault_identity_oidc_role', 'role_bookkeeper_expense').ttl = 86400;
    expect(bad).not.toPassLeastPrivilege();
    expect(() => expect(bad).toPassLeastPrivilege()).toThrow(/A2A-TTL-IDENTITY-TOKEN/);
    expect(bad).toPassLeastPrivilege({ maxAccessTtl: '24h' });
  });

  it('toHaveExactAccess reports the differing facet and unknown principals', () => {
    expect(() => expect(fixture('headless')).toHaveExactAccess('entity:test-client', { identityTokens: [] })).toThrow(/identityTokens:\n\s+expected \[\]\n\s+actual\s+\["test-client.hello-world"\]/);
    expect(() => expect(fixture('headless')).toHaveExactAccess('entity:nobody', {})).toThrow(/no principal "entity:nobody"/);
  });

  it('works on Testing.synth output of a hand-written CDKTF stack', () => {
    const stack = new TerraformStack(Testing.app(), 'inline');
    const key = new identityOidcKey.IdentityOidcKey(stack, 'key', { name: 'k', allowedClientIds: ['*'] });
    new identityOidcClient.IdentityOidcClient(stack, 'c', { name: 'c', key: key.name, idTokenTtl: 600, accessTokenTtl: 600 });
    expect(Testing.synth(stack)).not.toPassLeastPrivilege();
  });
});

describe('LeastPrivilegeAspect', () => {
  function app(widen: boolean): App {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-aspect-'));
    const a = new App({ outdir });
    const stack = new TerraformStack(a, 'agents');
    new provider.VaultProvider(stack, 'vault', { address: 'https://vault.example.com:8200' });
    const key = new identityOidcKey.IdentityOidcKey(stack, 'key', { name: 'agents', ...(widen ? { allowedClientIds: ['*'] } : {}) });
    new identityOidcClient.IdentityOidcClient(stack, 'client', { name: 'client', key: key.name, idTokenTtl: 900, accessTokenTtl: 900 });
    new vaultPolicy.Policy(stack, 'policy', { name: 'a2a-agent-client', policy: 'path "identity/oidc/client/client" {\n  capabilities = ["read"]\n}\n' });
    // CDKTF invokes Aspects per stack, so they go on the stack (or a construct in it), not the App.
    Aspects.of(stack).add(new LeastPrivilegeAspect());
    return a;
  }

  it('fails synth on an error-level finding, naming the rule and the fix', () => {
    expect(() => app(true).synth()).toThrow(/\[A2A-KEY-WILDCARD\] vault_identity_oidc_key\.key: key "agents" allows every client.*Fix: /);
  });

  it('lets a compliant stack synthesize, attaching warnings to the stack', () => {
    const a = app(false);
    const stack = a.node.findChild('agents') as TerraformStack;
    new vaultPolicy.Policy(stack, 'glob', { name: 'glob', policy: 'path "secret/data/agents/*" { capabilities = ["read"] }' });
    expect(() => a.synth()).not.toThrow();
    const warnings = stack.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings.some((w) => w.startsWith('[A2A-POLICY-GLOB] vault_policy.glob'))).toBe(true);
  });

  it('also fails Testing.synth when validations run', () => {
    const stack = app(true).node.findChild('agents') as TerraformStack;
    expect(() => Testing.synth(stack, true)).toThrow(/A2A-KEY-WILDCARD/);
  });

  it('honours suppressions', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-aspect-'));
    const a = new App({ outdir });
    const stack = new TerraformStack(a, 'agents');
    new provider.VaultProvider(stack, 'vault', { address: 'https://vault.example.com:8200' });
    new identityOidcKey.IdentityOidcKey(stack, 'key', { name: 'agents', allowedClientIds: ['*'] });
    Aspects.of(stack).add(new LeastPrivilegeAspect({ suppressions: [{ rule: 'A2A-KEY-WILDCARD', reason: 'legacy key, removed in Q3' }] }));
    expect(() => a.synth()).not.toThrow();
    Aspects.of(stack).add(new LeastPrivilegeAspect());
    expect(() => a.synth()).toThrow(/A2A-KEY-WILDCARD/);
  });
});
