import { TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { AgentPolicy } from '../../lib/constructs/agent-policy';
import { AppRoleLoginRole } from '../../lib/constructs/approle-login-role';
import { JwtLoginRole } from '../../lib/constructs/jwt-login-role';
import { KubernetesLoginRole } from '../../lib/constructs/kubernetes-login-role';
import { onlyResource, refTo, synthStack } from '../support/synth';

function policy(s: Construct): AgentPolicy {
  return new AgentPolicy(s, 'policy', {
    name: 'a2a-agent-chat',
    rules: [{ path: 'identity/oidc/client/chat', capabilities: ['read'], reason: 'reads its own client' }],
  });
}

const scope = (): Construct => new TerraformStack(Testing.app(), 't');

describe('AgentPolicy', () => {
  test('writes the rendered document under the given name', () => {
    const json = synthStack((s) => policy(s));
    expect(onlyResource(json, 'vault_policy')).toEqual({
      name: 'a2a-agent-chat',
      policy: '# reads its own client\npath "identity/oidc/client/chat" {\n  capabilities = ["read"]\n}\n',
    });
  });

  test('refuses wildcards without a reason, and root/default', () => {
    const rules = [{ path: 'secret/*', capabilities: ['read' as const], reason: 'r' }];
    expect(() => new AgentPolicy(scope(), 'p', { name: 'default', rules })).toThrow(
      /name "default" is a built-in Vault object[\s\S]*rules\[0\].path "secret\/\*" is a wildcard/,
    );
    const json = synthStack((s) => new AgentPolicy(s, 'p', { name: 'team', rules, allowWildcard: { reason: 'team-owned subtree' } }));
    expect(onlyResource(json, 'vault_policy').policy).toMatch(/^# Wildcard paths allowed: team-owned subtree\n/);
  });
});

describe('KubernetesLoginRole audience', () => {
  const props = { mountPath: 'kubernetes', roleName: 'chat', tokenPolicies: [], serviceAccount: 'chat', namespace: 'apps' };

  test('with an audience: written to the role, no warning', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    const role = new KubernetesLoginRole(stack, 'role', { ...props, audience: 'vault' });
    expect(onlyResource(JSON.parse(Testing.synth(stack)), 'vault_kubernetes_auth_backend_role').audience).toBe('vault');
    expect(role.node.metadata).toEqual([]);
  });

  test('without: a cdktf warning (no stack trace, so no paths reach manifest.json), and no audience attribute', () => {
    const stack = new TerraformStack(Testing.app(), 't');
    const role = new KubernetesLoginRole(stack, 'role', props);
    expect(onlyResource(JSON.parse(Testing.synth(stack)), 'vault_kubernetes_auth_backend_role')).not.toHaveProperty('audience');
    expect(role.node.metadata.map((m) => [m.type, m.data, m.trace])).toEqual([
      [
        '@cdktf/warn',
        'kubernetes role chat has no audience: Vault accepts a token of apps/chat issued for any audience; set audience (e.g. "vault") and project a token for it',
        undefined,
      ],
    ]);
  });

  test('a wildcard audience is refused', () => {
    expect(() => new KubernetesLoginRole(new TerraformStack(Testing.app(), 't'), 'role', { ...props, audience: '*' })).toThrow('audience "*" contains "*"');
  });
});

describe('KubernetesLoginRole', () => {
  test('one service account, one namespace, predictable alias, short TTLs, policies by reference', () => {
    const json = synthStack((s) => {
      const role = new KubernetesLoginRole(s, 'role', {
        mountPath: 'kubernetes',
        roleName: 'chat',
        serviceAccount: 'chat',
        namespace: 'agents',
        tokenPolicies: [policy(s)],
      });
      expect(role.aliasName).toBe('agents/chat');
    });
    expect(onlyResource(json, 'vault_kubernetes_auth_backend_role')).toEqual({
      backend: 'kubernetes',
      role_name: 'chat',
      bound_service_account_names: ['chat'],
      bound_service_account_namespaces: ['agents'],
      alias_name_source: 'serviceaccount_name',
      token_policies: [refTo(json, 'vault_policy', 'name')],
      token_ttl: 900,
      token_no_default_policy: true,
      token_max_ttl: 900,
    });
  });

  test('refuses "*" bindings, the root policy and a max TTL below the TTL, all at once', () => {
    expect(
      () =>
        new KubernetesLoginRole(scope(), 'role', {
          mountPath: 'kubernetes',
          roleName: 'chat',
          serviceAccount: '*',
          namespace: '*',
          tokenPolicies: ['root'],
          tokenTtlSeconds: 600,
          tokenMaxTtlSeconds: 300,
        }),
    ).toThrow(
      /tokenPolicies\[0\] "root" grants everything[\s\S]*tokenMaxTtlSeconds \(300\) is below tokenTtlSeconds \(600\)[\s\S]*serviceAccount "\*" contains "\*"[\s\S]*namespace "\*" contains "\*"/,
    );
  });
});

describe('JwtLoginRole', () => {
  test('jwt role bound to one subject and its audiences; user claim sub', () => {
    const json = synthStack(
      (s) =>
        new JwtLoginRole(s, 'role', {
          mountPath: 'jwt/spiffe',
          roleName: 'expense',
          subject: 'spiffe://example.org/expense',
          audiences: ['vault'],
          tokenPolicies: ['a2a-agent-expense'],
          tokenTtlSeconds: 300,
        }),
    );
    expect(onlyResource(json, 'vault_jwt_auth_backend_role')).toEqual({
      backend: 'jwt/spiffe',
      role_name: 'expense',
      role_type: 'jwt',
      user_claim: 'sub',
      bound_subject: 'spiffe://example.org/expense',
      bound_audiences: ['vault'],
      token_policies: ['a2a-agent-expense'],
      token_ttl: 300,
      token_no_default_policy: true,
      token_max_ttl: 300,
    });
  });

  test('refuses "*" subjects and audiences, and no audience', () => {
    const base = { mountPath: 'jwt', roleName: 'x', tokenPolicies: [] };
    expect(() => new JwtLoginRole(scope(), 'r', { ...base, subject: 'spiffe://example.org/*', audiences: ['*'] })).toThrow(
      /subject "spiffe:\/\/example.org\/\*" contains "\*"[\s\S]*audiences\[0\] "\*" contains "\*"/,
    );
    expect(() => new JwtLoginRole(scope(), 'r', { ...base, subject: 'a', audiences: [] })).toThrow('audiences is empty');
  });
});

describe('AppRoleLoginRole', () => {
  test('renders the role and exposes the generated role id as a reference', () => {
    let roleId = '';
    const json = synthStack((s) => {
      const role = new AppRoleLoginRole(s, 'role', { mountPath: 'approle', roleName: 'batch', tokenPolicies: ['a2a-agent-batch'], secretIdTtlSeconds: 3600 });
      roleId = role.roleId;
    });
    expect(onlyResource(json, 'vault_approle_auth_backend_role')).toEqual({
      backend: 'approle',
      role_name: 'batch',
      token_policies: ['a2a-agent-batch'],
      token_ttl: 900,
      token_no_default_policy: true,
      token_max_ttl: 900,
      secret_id_ttl: 3600,
      // The logins an hour of 15-minute tokens needs, plus one for a restart.
      secret_id_num_uses: 5,
    });
    expect(roleId).toMatch(/^\$\{TfToken\[/);
  });

  test('secret ids expire after an hour by default, never "unlimited"; CIDR bindings are checked', () => {
    const json = synthStack((s) => {
      new AppRoleLoginRole(s, 'role', {
        mountPath: 'approle',
        roleName: 'batch',
        tokenPolicies: [],
        tokenTtlSeconds: 600,
        secretIdBoundCidrs: ['10.20.0.0/16'],
        tokenBoundCidrs: ['10.20.0.0/16', '2001:db8::/48'],
      });
    });
    expect(onlyResource(json, 'vault_approle_auth_backend_role')).toMatchObject({
      secret_id_ttl: 3600,
      secret_id_num_uses: 7,
      secret_id_bound_cidrs: ['10.20.0.0/16'],
      token_bound_cidrs: ['10.20.0.0/16', '2001:db8::/48'],
    });
    expect(
      () =>
        new AppRoleLoginRole(scope(), 'r', {
          mountPath: 'approle',
          roleName: 'batch',
          tokenPolicies: [],
          secretIdTtlSeconds: 7 * 86400,
          secretIdNumUses: 0,
          secretIdBoundCidrs: ['0.0.0.0/0', '10.0.0.0/33'],
        }),
    ).toThrow(/secretIdTtlSeconds is 604800s[\s\S]*secretIdNumUses must be a whole number of at least 1[\s\S]*"0\.0\.0\.0\/0" matches every address[\s\S]*"10\.0\.0\.0\/33" has a prefix longer than 32 bits/);
  });

  test('refuses a glob mount path and a policy named "*"', () => {
    expect(() => new AppRoleLoginRole(scope(), 'r', { mountPath: 'approle/*', roleName: 'batch', tokenPolicies: ['*'] })).toThrow(
      /mountPath "approle\/\*" must be a mount path[\s\S]*tokenPolicies\[0\] "\*" is not a valid Vault name/,
    );
  });
});
