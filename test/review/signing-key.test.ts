/** The signing key's algorithm reaches what servers verify with: claims.json lists exactly it for identity tokens. */
import { serverClaims } from '../../lib/review/claims';
import { serverAccess } from '../../lib/review/server-access';
import { normalizeTopology } from '../../lib/topology';

test.each(['RS256', 'ES384', 'EdDSA'] as const)('a key signing with %s: the headless issuer accepts exactly that algorithm', (algorithm) => {
  const topology = normalizeTopology({
    version: 1,
    vault: { address: 'https://vault.example.com:8200' },
    signingKey: { algorithm },
    authMounts: { k8s: { type: 'kubernetes', path: 'kubernetes' } },
    agents: {
      srv: { url: 'https://srv.example.com', skills: [{ id: 's', actions: ['a'] }] },
      bot: { login: { mount: 'k8s', serviceAccount: 'bot', namespace: 'apps', audience: 'vault' }, headless: true, calls: [{ agent: 'srv', grants: ['s:a'] }] },
    },
  });
  const [srv] = serverAccess(topology);
  const claims = serverClaims(srv!);
  expect(claims.issuers.map((i) => [i.flow, 'algorithms' in i ? i.algorithms : []])).toEqual([['headless', [algorithm]]]);
});

test("the topology offers exactly the algorithms the verifier accepts from Vault's keys", async () => {
  const { OIDC_KEY_ALGORITHMS } = await import('../../lib/vault/jwt');
  const { VAULT_SIGNING_ALGORITHMS } = await import('../../lib/verify/claims-file');
  expect([...OIDC_KEY_ALGORITHMS].sort()).toEqual([...VAULT_SIGNING_ALGORITHMS].sort());
});
