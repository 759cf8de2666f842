/**
 * A large, compliant stack in the Terraform JSON shape CDKTF emits (same conventions as the
 * scenario fixtures): servers, browser client agents with their own providers, headless agents
 * with identity-token roles, users in groups. Used by `npm run bench` and its test.
 */
const ADDRESS = 'https://vault.example.com:8200';
const TTL = 900;

type Json = Record<string, unknown>;

export interface BenchStackShape {
  readonly agents: number;
  readonly users: number;
}

export function generateBenchStack({ agents, users }: BenchStackShape): Json {
  const resource: Record<string, Record<string, Json>> = {};
  const data: Record<string, Record<string, Json>> = {};
  const output: Record<string, Json> = {};
  const add = (type: string, name: string, body: Json) => {
    (resource[type] ??= {})[name] = { '//': { metadata: { path: `bench/${name}`, uniqueId: name } }, ...body };
  };
  data.vault_auth_backend = { mount_kubernetes: { path: 'kubernetes' }, mount_userpass: { path: 'userpass' }, 'mount_jwt-spiffe': { path: 'jwt-spiffe' } };
  add('vault_identity_oidc_key', 'key_bench', { name: 'bench', algorithm: 'RS256', rotation_period: 86400, verification_ttl: 86400 });
  add('vault_identity_oidc', 'issuer', { issuer: ADDRESS });

  // 20% servers, 50% browser clients, 30% headless clients.
  const servers = Math.max(1, Math.floor(agents * 0.2));
  const browser = Math.floor(agents * 0.5);
  const headless = agents - servers - browser;
  const groups = Math.max(1, Math.floor(users / 10));
  const serverName = (i: number) => `server-${i}`;
  const entity = (name: string, mount: string, alias: string) => {
    add('vault_identity_entity', `entity_${name}`, { name });
    add('vault_identity_entity_alias', `alias_${name}`, {
      name: alias,
      mount_accessor: `\${data.vault_auth_backend.mount_${mount}.accessor}`,
      canonical_id: `\${vault_identity_entity.entity_${name}.id}`,
    });
  };
  const policy = (agent: string, paths: [string, string][]) =>
    add('vault_policy', `policy_${agent}`, {
      name: `a2a-agent-${agent}`,
      policy: paths.map(([p, cap]) => `path "${p}" {\n  capabilities = ["${cap}"]\n}\n`).join('\n'),
    });
  const k8sLogin = (agent: string, withPolicy: boolean) =>
    add('vault_kubernetes_auth_backend_role', `login_${agent}`, {
      backend: '${data.vault_auth_backend.mount_kubernetes.path}',
      role_name: agent,
      bound_service_account_names: [agent],
      bound_service_account_namespaces: ['agents'],
      alias_name_source: 'serviceaccount_name',
      token_policies: withPolicy ? [`\${vault_policy.policy_${agent}.name}`] : [],
      token_ttl: TTL,
      token_max_ttl: TTL,
      token_no_default_policy: true,
    });
  const calls = (i: number) => [serverName(i % servers), serverName((i * 7 + 3) % servers)].filter((s, k, all) => all.indexOf(s) === k);

  for (let u = 0; u < users; u++) entity(`user-${u}`, 'userpass', `user-${u}`);
  for (let g = 0; g < groups; g++) {
    const members = [];
    for (let u = g; u < users; u += groups) members.push(`\${vault_identity_entity.entity_user-${u}.id}`);
    add('vault_identity_group', `group_team-${g}`, { name: `team-${g}`, type: 'internal', member_entity_ids: members });
  }
  const scopes = new Set<string>();
  for (let s = 0; s < servers; s++) {
    const name = serverName(s);
    entity(name, 'kubernetes', `agents/${name}`);
    policy(name, [['identity/oidc/introspect', 'update']]);
    k8sLogin(name, true);
  }
  for (let c = 0; c < browser; c++) {
    const name = `client-${c}`;
    entity(name, 'kubernetes', `agents/${name}`);
    const grants = calls(c).map((s) => `${s}.skill.${c % 2 === 0 ? 'read' : 'write'}`);
    for (const g of grants) scopes.add(g);
    add('vault_identity_oidc_assignment', `assignment_${name}`, { name, entity_ids: [], group_ids: [`\${vault_identity_group.group_team-${c % groups}.id}`] });
    add('vault_identity_oidc_client', `client_${name}`, {
      name,
      key: '${vault_identity_oidc_key.key_bench.name}',
      redirect_uris: [`https://${name}.example.com/callback`],
      assignments: [`\${vault_identity_oidc_assignment.assignment_${name}.name}`],
      id_token_ttl: TTL,
      access_token_ttl: TTL,
      client_type: 'confidential',
    });
    add('vault_identity_oidc_key_allowed_client_id', `key_client_${name}`, {
      key_name: '${vault_identity_oidc_key.key_bench.name}',
      allowed_client_id: `\${vault_identity_oidc_client.client_${name}.client_id}`,
    });
    add('vault_identity_oidc_provider', `provider_${name}`, {
      name,
      allowed_client_ids: [`\${vault_identity_oidc_client.client_${name}.client_id}`],
      scopes_supported: grants.map((g) => `\${vault_identity_oidc_scope.scope_${g.replace(/\./g, '_')}.name}`),
      https_enabled: true,
      issuer_host: 'vault.example.com:8200',
    });
    policy(name, [[`identity/oidc/client/${name}`, 'read']]);
    k8sLogin(name, true);
    output[`client_id_${name}`] = { value: `\${vault_identity_oidc_client.client_${name}.client_id}` };
  }
  for (const s of [...scopes].sort()) add('vault_identity_oidc_scope', `scope_${s.replace(/\./g, '_')}`, { name: s, template: JSON.stringify({ [s]: true }) });
  for (let h = 0; h < headless; h++) {
    const name = `headless-${h}`;
    const subject = `spiffe://example.org/ns/agents/sa/${name}`;
    entity(name, 'jwt-spiffe', subject);
    const roles = calls(h).map((server) => {
      const role = `${name}.${server}`;
      const id = `role_${name}_${server}`;
      add('vault_identity_oidc_role', id, { name: role, key: '${vault_identity_oidc_key.key_bench.name}', template: JSON.stringify({ [`${server}.skill.read`]: true }), ttl: TTL });
      add('vault_identity_oidc_key_allowed_client_id', `key_${id}`, { key_name: '${vault_identity_oidc_key.key_bench.name}', allowed_client_id: `\${vault_identity_oidc_role.${id}.client_id}` });
      return role;
    });
    policy(name, roles.map((r) => [`identity/oidc/token/${r}`, 'read']));
    add('vault_jwt_auth_backend_role', `login_${name}`, {
      backend: '${data.vault_auth_backend.mount_jwt-spiffe.path}',
      role_name: name,
      role_type: 'jwt',
      user_claim: 'sub',
      bound_subject: subject,
      bound_audiences: ['vault'],
      token_policies: [`\${vault_policy.policy_${name}.name}`],
      token_ttl: TTL,
      token_max_ttl: TTL,
      token_no_default_policy: true,
    });
  }
  return {
    '//': { metadata: { backend: 'local', stackName: 'bench', version: '0.21.0' }, outputs: {} },
    data,
    output,
    provider: { vault: [{ address: ADDRESS }] },
    resource,
    terraform: { backend: { local: { path: 'terraform.bench.tfstate' } }, required_providers: { vault: { source: 'hashicorp/vault', version: '5.6.0' } } },
  };
}
