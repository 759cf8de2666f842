/**
 * The commented starter topology `vault-a2a init` writes: one server agent, a client agent people
 * sign in to, a headless agent, and every other section shown commented out. It must validate and
 * synthesize with no least-privilege finding as written (test/cli/init.test.ts).
 */
export function starterTopology(schema: string): string {
  return `# yaml-language-server: $schema=${schema}
#
# A topology: who the agents are, who may sign in to them, and what each may call. vault-a2a turns
# it into the Vault configuration that grants exactly that (docs/topology.md explains every field).
#
#   npx vault-a2a validate topology.yaml   every error at once, with line:column and the fix
#   npx vault-a2a synth topology.yaml      writes cdktf.out/stacks/starter/cdk.tf.json
#   npx vault-a2a check cdktf.out          least-privilege findings (none for this file)
#   npx vault-a2a graph topology.yaml      who may call whom, as a Mermaid flowchart

version: 1

# The stack's name, and the name of its OIDC signing key in Vault.
name: starter

vault:
  # Your Vault. Issuer and discovery URLs derive from it. https, or http on a loopback host
  # (127.0.0.1, localhost, [::1]) for local tests.
  address: https://vault.example.com:8200
  # namespace: team-a                 # Vault Enterprise namespace

# Token lifetimes ("15m", "1h30m" or seconds). 15 minutes when left out; at most 30m (1h for
# loginTokenTtl), the limits of the checks (--max-access-ttl, --max-login-ttl change them).
defaults:
  accessTokenTtl: 15m
  # idTokenTtl: 15m
  # identityTokenTtl: 15m             # identity tokens of headless agents
  # loginTokenTtl: 15m                # Vault tokens of agents' logins

# Auth methods that already exist in your Vault: agents and people log in through them.
# Their types: kubernetes, jwt, approle (for agents); userpass, oidc (for people).
authMounts:
  kubernetes: { type: kubernetes, path: kubernetes }
  userpass: { type: userpass, path: userpass }

# People who sign in to client agents through Vault's OIDC provider. alias defaults to the name.
users:
  alice: { mount: userpass, groups: [analysts] }
  bob: { mount: userpass }

groups:
  analysts: { description: People who may use the assistant }

agents:
  # A server agent serves skills, each with actions, at the URL of its Agent Card. It needs no
  # Vault login: it verifies tokens with Vault's published keys.
  reports:
    url: https://reports.example.com
    skills:
      - { id: reports, actions: [read, write], description: Reads and writes reports }

  # A client agent people sign in to (browser sign-in, authorization code flow). It gets its own
  # OIDC client and provider; the tokens it obtains carry only the grants listed under calls.
  # It logs in to Vault with a service account token projected for the audience "vault".
  assistant:
    login: { mount: kubernetes, serviceAccount: assistant, namespace: agents, audience: vault }
    oidc:
      redirectUris: [https://assistant.example.com/callback]
      users: [bob, "group:analysts"]
    calls:
      - { agent: reports, grants: ["reports:read"] }
    # actsFor: [alice]                  # let it act for alice (RFC 8693, docs/delegation.md). Moves
    #                                   # her sign-in to a client of her own delegation set.

  # A headless agent (no browser): it mints short-lived identity tokens, one role per server.
  nightly-digest:
    login: { mount: kubernetes, serviceAccount: nightly-digest, namespace: agents, audience: vault }
    headless: true
    calls:
      - { agent: reports, grants: ["reports:read", "reports:write"] }
    # suppressions:                     # accept a least-privilege finding, with a reason
    #   - { rule: A2A-TTL-IDENTITY-TOKEN, reason: "batch job outlives 30m; SEC-42" }
`;
}
