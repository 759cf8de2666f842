/** Scenarios 1–3 of shared/scenarios.md as topology files (the real examples/ live elsewhere). */

export const SCENARIO_HELLO_BROWSER = `
version: 1
name: hello-world
vault:
  address: https://vault.example.com:8200
authMounts:
  kubernetes: { type: kubernetes, path: kubernetes }
  userpass: { type: userpass, path: userpass }
users:
  end-user: { mount: userpass, groups: [agent] }
groups:
  agent: { description: People who may use the test client }
agents:
  hello-world:
    description: Answers hello
    url: http://localhost:9999
    skills:
      - id: hello_world
        actions: [read]
      - id: super_hello_world
        description: Only on the authenticated extended card
        actions: [read]
        public: false
  test-client:
    login: { mount: kubernetes, serviceAccount: test-client, namespace: default, audience: vault }
    oidc:
      redirectUris: [http://127.0.0.1:9998/callback, http://localhost:9998/callback]
      users: [group:agent]
    calls:
      - agent: hello-world
        grants: [hello_world:read]
`;

export const SCENARIO_HELLO_HEADLESS = `
version: 1
name: hello-headless
vault:
  address: https://vault.example.com:8200
authMounts:
  kubernetes: { type: kubernetes, path: kubernetes }
agents:
  hello-world:
    url: http://localhost:9999
    # The server verifies identity tokens through identity/oidc/introspect: it logs in too.
    login: { mount: kubernetes, serviceAccount: hello-world, namespace: default, audience: vault }
    skills:
      - id: hello_world
        actions: [read]
  test-client:
    headless: true
    login: { mount: kubernetes, serviceAccount: test-client, namespace: default, audience: vault }
    calls:
      - agent: hello-world
        grants: [hello_world:read]
`;

export const SCENARIO_EXPENSES = `
version: 1
name: expenses
vault:
  address: https://vault.example.com:8200
  namespace: finance
defaults:
  identityTokenTtl: 15m
  loginTokenTtl: 15m
authMounts:
  spiffe: { type: jwt, path: jwt/spiffe }
  approle: { type: approle, path: approle }
agents:
  expense:
    url: https://expense.example.com
    login: { mount: approle }
    skills:
      - id: expense
        actions: [submit, approve, read]
  bookkeeper:
    headless: true
    login: { mount: spiffe, subject: "spiffe://example.org/ns/finance/sa/bookkeeper", audiences: [vault] }
    calls:
      - agent: expense
        grants: [expense:read]
  travel-planner:
    headless: true
    login: { mount: approle }
    calls:
      - agent: expense
        grants: [expense:submit]
`;
