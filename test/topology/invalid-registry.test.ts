/**
 * Invalid-topology cases for the agent registry and resource servers (scenario 5), in the form of
 * invalid.test.ts: one mistake per document, exactly one issue at the exact path and
 * line:column. Documents start with HEAD (7 lines), so body line i is document line 7 + i.
 */
import { generateKeyPairSync } from 'node:crypto';
import { EC_P256, EC_P384, ED25519, RSA_1024 } from '../support/registry-keys';
import { callHello, doc, expectOneIssue, hello, issuesOf, k8sLogin, type OneMistakeCase } from './support';


/** A headless client agent `client` with the given `registry` line(s) (body lines 3–7). */
const registeredClient = (...registry: string[]): string[] => ['agents:', hello, '  client:', '    headless: true', k8sLogin, ...registry, callHello];

const ISSUER = '    issuer: https://login.example.com/oauth2/agents';
const JWKS = '    jwksUri: https://login.example.com/oauth2/agents/v1/keys';
const AUDIENCES = '    audiences: [vault]';

/** Resource server `idp` (body lines 1–2 are the header), then a valid agent section. */
const server = (...fields: string[]): string[] => ['resourceServers:', '  idp:', ...fields, 'agents:', hello];

/** A pinned key entry, its PEM as a one-line double-quoted YAML string. */
const pinned = (keyId: string, pem: string): string => `      - { keyId: ${keyId}, pem: ${JSON.stringify(pem)} }`;

const cases: OneMistakeCase[] = [
  {
    title: 'registered agent without a login',
    text: doc('agents:', '  hello-world:', '    url: https://hello.example.com', '    skills: [{ id: hello_world, actions: [read] }]', '    registry: { owner: team-a }'),
    path: 'agents.hello-world.login',
    message: 'is required for a registered agent',
    at: [10, 5],
    fix: 'add "login" with one of the mounts: ar, k8s, spiffe',
  },
  {
    title: 'root as a ceiling policy',
    text: doc(...registeredClient('    registry: { ceiling: [root], reason: "ops reviewed" }')),
    path: 'agents.client.registry.ceiling[0]',
    message: 'a ceiling cannot be the root policy',
    at: [13, 27],
  },
  {
    title: 'ceiling policy name in uppercase',
    text: doc(...registeredClient('    registry: { ceiling: [Ops-Read], reason: "shared ops ceiling" }')),
    path: 'agents.client.registry.ceiling[0]',
    message: '"Ops-Read" must be a Vault policy name',
    at: [13, 27],
    fix: 'e.g. "ops-read"',
  },
  {
    title: 'ceiling policy name with a slash',
    text: doc(...registeredClient('    registry: { ceiling: ["ops/read"], reason: "shared ops ceiling" }')),
    path: 'agents.client.registry.ceiling[0]',
    message: 'must be a Vault policy name',
    at: [13, 27],
  },
  {
    title: 'a ceiling policy listed twice',
    text: doc(...registeredClient('    registry: { ceiling: [ops-read, ops-read], reason: "shared ops ceiling" }')),
    path: 'agents.client.registry.ceiling[1]',
    message: 'policy "ops-read" is listed twice (also [0])',
    at: [13, 37],
  },
  {
    title: 'empty ceiling list',
    text: doc(...registeredClient('    registry: { ceiling: [] }')),
    path: 'agents.client.registry.ceiling',
    message: 'needs at least one policy',
    at: [13, 26],
  },
  {
    title: 'explicit ceiling without a reason',
    text: doc(...registeredClient('    registry: { ceiling: [ops-read] }')),
    path: 'agents.client.registry.reason',
    message: "is required: an explicit ceiling replaces the one derived from the agent's grants",
    at: [13, 15],
  },
  {
    title: 'optional RAR on a registration without a reason',
    text: doc(...registeredClient('    registry: { optionalAuthorizationDetails: true }')),
    path: 'agents.client.registry.reason',
    message: 'is required: optionalAuthorizationDetails: true lets this agent skip authorization_details (RAR)',
    at: [13, 15],
  },
  {
    title: 'a registration reason that explains nothing',
    text: doc(...registeredClient('    registry: { owner: team-a, reason: "just because" }')),
    path: 'agents.client.registry.reason',
    message: 'explains nothing',
    at: [13, 32],
  },
  {
    title: 'owner with a Terraform template',
    text: doc(...registeredClient('    registry: { owner: "team-${var.x}" }')),
    path: 'agents.client.registry.owner',
    message: 'must be one line of text, without "${" or "%{"',
    at: [13, 24],
  },
  {
    title: 'reason spanning two lines',
    text: doc(...registeredClient('    registry: { optionalAuthorizationDetails: true, reason: "legacy IdP\\nclient" }')),
    path: 'agents.client.registry.reason',
    message: 'must be one line of text',
    at: [13, 61],
  },
  {
    title: 'unknown registry field with did-you-mean',
    text: doc(...registeredClient('    registry: { ceilings: [ops-read], reason: "shared ops ceiling" }')),
    path: 'agents.client.registry.ceilings',
    message: 'unknown field "ceilings"',
    at: [13, 17],
    fix: 'did you mean "ceiling"?',
  },
  {
    title: 'issuer over plain http',
    text: doc(...server('    issuer: http://login.example.com/oauth2/agents', JWKS, AUDIENCES)),
    path: 'resourceServers.idp.issuer',
    message: 'must use https',
    at: [10, 13],
  },
  {
    title: 'issuer with a query',
    text: doc(...server('    issuer: "https://login.example.com/oauth2?tenant=a"', JWKS, AUDIENCES)),
    path: 'resourceServers.idp.issuer',
    message: 'has a query or fragment',
    at: [10, 13],
    fix: 'RFC 8414',
  },
  {
    title: 'issuer that is not a URL',
    text: doc(...server('    issuer: login.example.com', JWKS, AUDIENCES)),
    path: 'resourceServers.idp.issuer',
    message: 'is not an absolute URL',
    at: [10, 13],
  },
  {
    title: 'missing issuer',
    text: doc(...server(JWKS, AUDIENCES)),
    path: 'resourceServers.idp.issuer',
    message: 'is required',
    at: [10, 5],
    fix: 'add "issuer"',
  },
  {
    title: 'JWKS over plain http',
    text: doc(...server(ISSUER, '    jwksUri: http://login.example.com/oauth2/agents/v1/keys', AUDIENCES)),
    path: 'resourceServers.idp.jwksUri',
    message: 'must use https',
    at: [11, 14],
    fix: 'substitute signing keys',
  },
  {
    title: 'both jwksUri and publicKeys',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    publicKeys:', pinned('k1', EC_P256))),
    path: 'resourceServers.idp.publicKeys',
    message: 'jwksUri and publicKeys are mutually exclusive',
    at: [13, 5],
  },
  {
    title: 'neither jwksUri nor publicKeys',
    text: doc(...server(ISSUER, AUDIENCES)),
    path: 'resourceServers.idp.jwksUri',
    message: 'is required (or publicKeys)',
    at: [10, 5],
  },
  {
    title: 'empty publicKeys',
    text: doc(...server(ISSUER, AUDIENCES, '    publicKeys: []')),
    path: 'resourceServers.idp.publicKeys',
    message: 'needs at least one key',
    at: [12, 17],
  },
  {
    title: 'missing audiences',
    text: doc(...server(ISSUER, JWKS)),
    path: 'resourceServers.idp.audiences',
    message: 'is required',
    at: [10, 5],
    fix: 'tokens minted for another service are refused',
  },
  {
    title: 'empty audiences',
    text: doc(...server(ISSUER, JWKS, '    audiences: []')),
    path: 'resourceServers.idp.audiences',
    message: 'needs at least one audience',
    at: [12, 16],
  },
  {
    title: 'an audience listed twice',
    text: doc(...server(ISSUER, JWKS, '    audiences: [vault, vault]')),
    path: 'resourceServers.idp.audiences[1]',
    message: 'audience "vault" is listed twice',
    at: [12, 24],
  },
  {
    title: 'wildcard audience',
    text: doc(...server(ISSUER, JWKS, '    audiences: ["*"]')),
    path: 'resourceServers.idp.audiences[0]',
    message: 'must be an audience without spaces, quotes or "*"',
    at: [12, 17],
  },
  {
    title: 'a symmetric algorithm',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    algorithms: [HS256]')),
    path: 'resourceServers.idp.algorithms[0]',
    message: 'must be one of ES256, ES384, ES512, PS256, PS384, PS512, RS256, RS384, RS512 (got "HS256")',
    at: [13, 18],
  },
  {
    title: 'more algorithms than any issuer uses',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    algorithms: [RS256, RS384, RS512, PS256]')),
    path: 'resourceServers.idp.algorithms',
    message: 'lists 4 algorithms; at most 3 are allowed',
    at: [13, 17],
  },
  {
    title: 'an algorithm listed twice',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    algorithms: [ES256, ES256]')),
    path: 'resourceServers.idp.algorithms[1]',
    message: 'algorithm "ES256" is listed twice',
    at: [13, 25],
  },
  {
    title: 'clock skew above 60 seconds',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    clockSkewLeeway: 2m')),
    path: 'resourceServers.idp.clockSkewLeeway',
    message: '"2m" is more than the 1m maximum',
    at: [13, 22],
  },
  {
    title: 'clock skew of 61 seconds as a number',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    clockSkewLeeway: 61')),
    path: 'resourceServers.idp.clockSkewLeeway',
    message: '61 is more than the 1m maximum',
    at: [13, 22],
  },
  {
    title: 'malformed clock skew',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    clockSkewLeeway: "30 seconds"')),
    path: 'resourceServers.idp.clockSkewLeeway',
    message: '"30 seconds" must be a duration',
    at: [13, 22],
  },
  {
    title: 'unknown JWT type',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    jwtType: id_token')),
    path: 'resourceServers.idp.jwtType',
    message: 'must be one of access_token, transaction_token (got "id_token")',
    at: [13, 14],
  },
  {
    title: 'user claim with a space',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    userClaim: "user name"')),
    path: 'resourceServers.idp.userClaim',
    message: 'must be a claim name',
    at: [13, 16],
  },
  {
    title: 'optional RAR on a profile without a reason',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    optionalAuthorizationDetails: true')),
    path: 'resourceServers.idp.reason',
    message: 'is required: optionalAuthorizationDetails: true lets every token from this issuer skip authorization_details (RAR)',
    at: [10, 5],
  },
  {
    title: 'a profile reason that explains nothing',
    text: doc(...server(ISSUER, JWKS, AUDIENCES, '    reason: "we trust the IdP"')),
    path: 'resourceServers.idp.reason',
    message: 'explains nothing',
    at: [13, 5],
  },
  {
    title: 'two resource servers with the same issuer',
    text: doc('resourceServers:', '  idp:', ISSUER, JWKS, AUDIENCES, '  idp-again:', ISSUER, JWKS, '    audiences: [other]', 'agents:', hello),
    path: 'resourceServers.idp-again.issuer',
    message: 'resource server "idp" already has issuer "https://login.example.com/oauth2/agents"',
    at: [14, 13],
  },
  {
    title: 'resource server name with uppercase letters',
    text: doc('resourceServers:', '  Corp-IdP:', ISSUER, JWKS, AUDIENCES, 'agents:', hello),
    path: 'resourceServers.Corp-IdP',
    message: 'name "Corp-IdP" must be lowercase letters',
    at: [9, 3],
  },
  {
    title: 'pinned key that is not PEM',
    text: doc(...server(ISSUER, AUDIENCES, '    publicKeys:', '      - { keyId: k1, pem: "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE" }')),
    path: 'resourceServers.idp.publicKeys[0].pem',
    message: 'is not PEM',
    at: [13, 27],
  },
  {
    title: 'pinned key that is a certificate',
    text: doc(...server(ISSUER, AUDIENCES, '    publicKeys:', pinned('k1', '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n'))),
    path: 'resourceServers.idp.publicKeys[0].pem',
    message: 'is a certificate, not a public key',
    at: [13, 27],
    fix: 'openssl x509',
  },
  {
    title: 'pinned key with a corrupted body',
    text: doc(...server(ISSUER, AUDIENCES, '    publicKeys:', pinned('k1', EC_P256.replace('MFkw', 'MFkX')))),
    path: 'resourceServers.idp.publicKeys[0].pem',
    message: 'is not a valid public key',
    at: [13, 27],
  },
  {
    title: 'pinned RSA key of 1024 bits',
    text: doc(...server(ISSUER, AUDIENCES, '    algorithms: [PS256]', '    publicKeys:', pinned('k1', RSA_1024))),
    path: 'resourceServers.idp.publicKeys[0].pem',
    message: 'is a 1024-bit RSA key',
    at: [14, 27],
  },
  {
    title: 'pinned Ed25519 key',
    text: doc(...server(ISSUER, AUDIENCES, '    publicKeys:', pinned('k1', ED25519))),
    path: 'resourceServers.idp.publicKeys[0].pem',
    message: 'is a ed25519 key',
    at: [13, 27],
    fix: 'RSA and EC',
  },
  {
    title: 'pinned key no accepted algorithm verifies',
    text: doc(...server(ISSUER, AUDIENCES, '    publicKeys:', pinned('k1', EC_P384))),
    path: 'resourceServers.idp.publicKeys[0].pem',
    message: 'is an EC P-384 key, which none of the accepted algorithms (ES256, PS256 (the default)) verify',
    at: [13, 27],
    fix: 'ES384',
  },
  {
    title: 'two pinned keys with the same keyId',
    text: doc(...server(ISSUER, AUDIENCES, '    publicKeys:', pinned('k1', EC_P256), pinned('k1', EC_P256))),
    path: 'resourceServers.idp.publicKeys[1].keyId',
    message: 'keyId "k1" is listed twice (also [0])',
    at: [14, 18],
  },
];

describe('registry and resource servers: one mistake, one issue', () => {
  test('every case is distinct', () => {
    expect(new Set(cases.map((c) => c.title)).size).toBe(cases.length);
  });

  test.each(cases)('$title', expectOneIssue);
});

describe('a pasted private key', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const issues = issuesOf(doc(...server(ISSUER, AUDIENCES, '    publicKeys:', pinned('k1', pem))), 'examples/x.yaml');

  test('is refused as a private key, at the pem', () => {
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: 'resourceServers.idp.publicKeys[0].pem', line: 13, column: 27 });
    expect(issues[0].message).toBe('is a PRIVATE key');
    expect(issues[0].fix).toContain('rotate it');
  });

  test('the key material appears in no message or fix', () => {
    const body = pem.split('\n')[1];
    for (const issue of issues) expect(`${issue.message} ${issue.fix}`).not.toContain(body);
  });
});

describe('several mistakes in one document are all reported, in reading order', () => {
  test('registration and resource-server mistakes together', () => {
    const text = doc(
      'resourceServers:',
      '  idp:',
      '    issuer: http://login.example.com',
      '    jwksUri: http://login.example.com/keys',
      '    audiences: []',
      '    clockSkewLeeway: 5m',
      ...registeredClient('    registry: { ceiling: [root], optionalAuthorizationDetails: true }'),
    );
    const issues = issuesOf(text, 'x.yaml');
    expect(issues.map((i) => `${i.line}:${i.column} ${i.path}`)).toEqual([
      '10:13 resourceServers.idp.issuer',
      '11:14 resourceServers.idp.jwksUri',
      '12:16 resourceServers.idp.audiences',
      '13:22 resourceServers.idp.clockSkewLeeway',
      '19:15 agents.client.registry.reason',
      '19:27 agents.client.registry.ceiling[0]',
    ]);
  });
});
