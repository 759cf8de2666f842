/**
 * createVerifier against a fake Vault on loopback (real HTTP): the three flows of
 * examples/delegation, each way a token can be wrong, and what the verifier must never do
 * (throw, accept `alg: none` or an HMAC forged with the public key, leak a token).
 */
import { createHmac, createPublicKey, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ClaimsFileError, createVerifier, VerifierConfigError, type Verification, type Verifier } from '../../lib/verify';
import { FakeVault } from './fake-vault';
import { AUDIENCES, claimsAt, ENTITIES } from './support';

let vault: FakeVault;
beforeAll(async () => {
  vault = await FakeVault.start();
});
afterAll(async () => {
  await vault.stop();
});

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const bearer = (token: string) => `Bearer ${token}`;
const docsRead = { skill: 'documents', action: 'read' } as const;

function denied(v: Verification, status: 401 | 403, reason?: RegExp): void {
  if (v.allowed) throw new Error(`expected ${status}, got allowed (${v.flow})`);
  expect({ status: v.status, reason: v.reason }).toEqual({ status, reason: reason ? expect.stringMatching(reason) : expect.any(String) });
}

function docsVerifier(extra: Partial<Parameters<typeof createVerifier>[0]> = {}): Verifier {
  return createVerifier({ claims: claimsAt('delegation', 'docs', vault.address), audiences: AUDIENCES, entities: ENTITIES, ...extra });
}

/** An identity token of role summarizer.docs, as summarizer mints it. */
const summarizerToken = (over: Partial<Parameters<FakeVault['identityToken']>[0]> = {}) =>
  vault.identityToken({ aud: AUDIENCES['summarizer.docs'], sub: ENTITIES.summarizer, claims: { 'docs.documents.read': true }, ...over });

describe('headless identity tokens', () => {
  test('a valid token of the granted role is accepted', async () => {
    const v = await docsVerifier().verify({ authorization: bearer(await summarizerToken()), ...docsRead });
    expect(v).toMatchObject({ allowed: true, flow: 'headless', scheme: 'vault-identity-token', client: 'summarizer', subject: ENTITIES.summarizer, subjectName: 'summarizer', grants: ['docs.documents.read'] });
  });

  test('without a skill, any grant on the server will do (the card-level requirement)', async () => {
    const v = await docsVerifier().verify({ authorization: bearer(await summarizerToken()) });
    expect(v).toMatchObject({ allowed: true, grants: ['docs.documents.read'] });
  });

  test('wrong audience: 401', async () => {
    denied(await docsVerifier().verify({ authorization: bearer(await summarizerToken({ aud: AUDIENCES['mailer.mail'] })), ...docsRead }), 401, /not for this server/);
  });

  test('wrong issuer: 401, whether unknown or a provider of the same Vault', async () => {
    const verifier = docsVerifier();
    denied(await verifier.verify({ authorization: bearer(await summarizerToken({ iss: 'https://other-vault.example.com/v1/identity/oidc' })), ...docsRead }), 401, /accepts no tokens of issuer/);
    denied(await verifier.verify({ authorization: bearer(await summarizerToken({ iss: `${vault.address}/v1/identity/oidc/provider/chat` })), ...docsRead }), 401);
  });

  test('expired beyond the clock skew: 401; within it: accepted', async () => {
    const verifier = docsVerifier({ clockToleranceSeconds: 30 });
    const now = Math.floor(Date.now() / 1000);
    denied(await verifier.verify({ authorization: bearer(await summarizerToken({ iat: now - 1000, ttlSeconds: 900 })), ...docsRead }), 401, /expired/);
    expect((await verifier.verify({ authorization: bearer(await summarizerToken({ iat: now - 910, ttlSeconds: 900 })), ...docsRead })).allowed).toBe(true);
  });

  test('a token without the claim, or with it not true: 403', async () => {
    const verifier = docsVerifier();
    denied(await verifier.verify({ authorization: bearer(await summarizerToken({ claims: {} })), ...docsRead }), 403, /not granted docs\.documents\.read/);
    denied(await verifier.verify({ authorization: bearer(await summarizerToken({ claims: { 'docs.documents.read': 'true' } })), ...docsRead }), 403);
  });

  test('a token minted by another entity than the role\'s client agent: 401', async () => {
    denied(await docsVerifier().verify({ authorization: bearer(await summarizerToken({ sub: ENTITIES.mailer })), ...docsRead }), 401, /not minted by client agent summarizer/);
  });

  test('alg none is refused', async () => {
    const payload = { iss: vault.identityIssuer, aud: AUDIENCES['summarizer.docs'], sub: ENTITIES.summarizer, iat: 1, exp: 4102444800, 'docs.documents.read': true };
    for (const header of [{ alg: 'none' }, { alg: 'none', kid: vault.identityKeys[0].kid }, { alg: 'NONE' }]) {
      denied(await docsVerifier().verify({ authorization: bearer(`${b64(header)}.${b64(payload)}.`), ...docsRead }), 401, /algorithm/);
    }
  });

  test('an HS256 token signed with the public key is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: vault.identityIssuer, aud: AUDIENCES['summarizer.docs'], sub: ENTITIES.summarizer, iat: now, exp: now + 600, 'docs.documents.read': true };
    const jwk = vault.identityKeys[0].jwk;
    const pem = createPublicKey({ key: { kty: 'RSA', n: jwk.n!, e: jwk.e! }, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString();
    for (const secret of [pem, JSON.stringify(jwk), jwk.n!]) {
      const signingInput = `${b64({ alg: 'HS256', kid: jwk.kid })}.${b64(payload)}`;
      const token = `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
      denied(await docsVerifier().verify({ authorization: bearer(token), ...docsRead }), 401, /algorithm "HS256" is not accepted/);
    }
  });

  test('a token signed by a key Vault never published is refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ 'docs.documents.read': true })
      .setProtectedHeader({ alg: 'RS256', kid: vault.identityKeys[0].kid })
      .setIssuer(vault.identityIssuer).setAudience(AUDIENCES['summarizer.docs']).setSubject(ENTITIES.summarizer).setIssuedAt(now).setExpirationTime(now + 600)
      .sign(privateKey);
    denied(await docsVerifier().verify({ authorization: bearer(forged), ...docsRead }), 401, /signature/);
  });

  test('key rotation: a token with a new kid triggers one refetch, then verifies', async () => {
    const verifier = docsVerifier({ jwksCooldownSeconds: 0.05 });
    expect((await verifier.verify({ authorization: bearer(await summarizerToken()), ...docsRead })).allowed).toBe(true);
    const fetched = vault.counts.identityJwks;
    await vault.rotateIdentityKey();
    await new Promise((r) => setTimeout(r, 80));
    const fresh = await summarizerToken();
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => verifier.verify({ authorization: bearer(fresh), ...docsRead })));
    expect([a.allowed, b.allowed, c.allowed]).toEqual([true, true, true]);
    expect(vault.counts.identityJwks).toBe(fetched + 1);
  });

  test('unknown kids refetch at most once per cooldown', async () => {
    const verifier = docsVerifier({ jwksCooldownSeconds: 60 });
    expect((await verifier.verify({ authorization: bearer(await summarizerToken()), ...docsRead })).allowed).toBe(true);
    const fetched = vault.counts.identityJwks;
    const { privateKey } = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const strangers = await Promise.all(
      Array.from({ length: 20 }, () =>
        new SignJWT({ 'docs.documents.read': true })
          .setProtectedHeader({ alg: 'RS256', kid: randomUUID() })
          .setIssuer(vault.identityIssuer).setAudience(AUDIENCES['summarizer.docs']).setSubject(ENTITIES.summarizer).setIssuedAt(now).setExpirationTime(now + 600)
          .sign(privateKey),
      ),
    );
    const results = await Promise.all(strangers.map((t) => verifier.verify({ authorization: bearer(t), ...docsRead })));
    for (const r of results) denied(r, 401, /no key/);
    expect(vault.counts.identityJwks).toBe(fetched);
  });
});

describe('delegated tokens', () => {
  const docsUrl = 'https://docs.example.com';
  const delegated = (over: Partial<Parameters<FakeVault['delegatedToken']>[0]> = {}) =>
    vault.delegatedToken({ sub: ENTITIES.alice, actor: ENTITIES.summarizer, aud: [docsUrl], scope: ['docs.documents.read'], ...over });

  test('summarizer acting for alice is accepted, naming both', async () => {
    const v = await docsVerifier().verify({ authorization: bearer(await delegated()), ...docsRead });
    expect(v).toMatchObject({ allowed: true, flow: 'delegated', scheme: 'vault-delegated-token', actor: 'summarizer', subject: ENTITIES.alice, subjectName: 'alice', grants: ['docs.documents.read'] });
  });

  test('an actor the topology does not let act on this server: 403', async () => {
    denied(await docsVerifier().verify({ authorization: bearer(await delegated({ sub: ENTITIES.carol, actor: ENTITIES.mailer })), ...docsRead }), 403, /no agent the topology lets act/);
  });

  test('the right actor for a user who did not delegate to it: 403', async () => {
    denied(await docsVerifier().verify({ authorization: bearer(await delegated({ sub: ENTITIES.bob })), ...docsRead }), 403, /does not let summarizer act for this user/);
  });

  test('a scope without the grant: 403; another server\'s audience: 401; no act: 401', async () => {
    const verifier = docsVerifier();
    denied(await verifier.verify({ authorization: bearer(await delegated({ scope: ['mail.mail.send'] })), ...docsRead }), 403);
    denied(await verifier.verify({ authorization: bearer(await delegated({ aud: ['https://mail.example.com'] })), ...docsRead }), 401, /not for this server/);
    const key = vault.exchangeKeys[0];
    const now = Math.floor(Date.now() / 1000);
    const noAct = await new SignJWT({ scope: 'docs.documents.read' })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(vault.exchangeIssuer).setSubject(ENTITIES.alice).setAudience([docsUrl]).setIssuedAt(now).setExpirationTime(now + 600)
      .sign(key.privateKey);
    denied(await verifier.verify({ authorization: bearer(noAct), ...docsRead }), 401, /"act" claim/);
  });

  test('an identity token is not a delegated token, nor the reverse', async () => {
    // Signed by the identity key but claiming the exchange issuer: its kid is not in the engine's key set.
    const wrongKey = await vault.identityToken({ aud: docsUrl, sub: ENTITIES.alice, iss: vault.exchangeIssuer, claims: { act: { sub: ENTITIES.summarizer }, scope: 'docs.documents.read' } });
    denied(await docsVerifier({ jwksCooldownSeconds: 60 }).verify({ authorization: bearer(wrongKey), ...docsRead }), 401);
  });
});

describe('browser access tokens (userinfo)', () => {
  const run = { skill: 'summarize', action: 'run' } as const;
  const summarizerVerifier = (extra: Partial<Parameters<typeof createVerifier>[0]> = {}) =>
    createVerifier({ claims: claimsAt('delegation', 'summarizer', vault.address), audiences: AUDIENCES, entities: ENTITIES, timeoutMs: 300, ...extra });
  afterEach(() => {
    vault.userinfo = {};
  });

  test('tokens of each sign-in partition of chat are accepted', async () => {
    const verifier = summarizerVerifier();
    for (const provider of ['chat', 'chat.may-act.summarizer', 'chat.may-act.mailer.summarizer']) {
      const token = vault.browserToken(provider, { sub: ENTITIES.alice, 'summarizer.summarize.run': true });
      expect(await verifier.verify({ authorization: bearer(token), ...run })).toMatchObject({ allowed: true, flow: 'browser', client: 'chat', scheme: `vault-oidc-${provider}`, subjectName: 'alice' });
    }
  });

  test('a token without the claim: 403; of a provider that serves no grant here: 401', async () => {
    const verifier = summarizerVerifier();
    denied(await verifier.verify({ authorization: bearer(vault.browserToken('chat', { sub: ENTITIES.bob })), ...run }), 403);
    denied(await verifier.verify({ authorization: bearer(vault.browserToken('portal.may-act.summarizer', { sub: ENTITIES.alice, 'summarizer.summarize.run': true })), ...run }), 401, /403/);
  });

  test('userinfo answering 401 (expired or unknown token): 401', async () => {
    const expired = vault.browserToken('chat', { sub: ENTITIES.bob, 'summarizer.summarize.run': true }, -1);
    denied(await summarizerVerifier().verify({ authorization: bearer(expired), ...run }), 401, /401/);
  });

  test('userinfo timing out or failing with 5xx denies, quickly', async () => {
    const token = vault.browserToken('chat', { sub: ENTITIES.bob, 'summarizer.summarize.run': true });
    vault.userinfo = { delayMs: 2000 };
    const started = Date.now();
    denied(await summarizerVerifier({ timeoutMs: 100 }).verify({ authorization: bearer(token), ...run }), 401, /did not answer within 100 ms/);
    expect(Date.now() - started).toBeLessThan(1500);
    vault.userinfo = { status: 503 };
    denied(await summarizerVerifier().verify({ authorization: bearer(token), ...run }), 401, /503/);
  });

  test('answers are cached, at most the configured time and never past the access-token TTL; 0 disables', async () => {
    let clock = Date.now();
    const now = () => clock;
    const token = vault.browserToken('chat', { sub: ENTITIES.bob, 'summarizer.summarize.run': true });
    const cached = summarizerVerifier({ now, userinfoCacheSeconds: 10_000 });
    const before = vault.counts.userinfo;
    await Promise.all([1, 2, 3].map(() => cached.verify({ authorization: bearer(token), ...run })));
    expect(vault.counts.userinfo - before).toBe(3); // one call per provider of the server, shared by the three requests
    await cached.verify({ authorization: bearer(token), ...run });
    expect(vault.counts.userinfo - before).toBe(3);
    clock += 15 * 60 * 1000 + 1; // past chat's accessTokenTtl (15m) even though the option says longer
    await cached.verify({ authorization: bearer(token), ...run });
    expect(vault.counts.userinfo - before).toBe(6);
    const uncached = summarizerVerifier({ userinfoCacheSeconds: 0 });
    await uncached.verify({ authorization: bearer(token), ...run });
    await uncached.verify({ authorization: bearer(token), ...run });
    expect(vault.counts.userinfo - before).toBe(12);
  });

  test('the token goes only to the provider in a bearer header, and never into a reason', async () => {
    const token = vault.browserToken('chat', { sub: ENTITIES.bob });
    const v = await summarizerVerifier().verify({ authorization: bearer(token), ...run });
    denied(v, 403);
    expect(JSON.stringify(v)).not.toContain(token);
    expect(vault.authorizationsSeen).toContain(`Bearer ${token}`);
  });
});

describe('garbage never crashes the verifier', () => {
  const cases: [string, unknown][] = [
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['a number', 42],
    ['an object', { toString: () => 'Bearer x' }],
    ['Basic', 'Basic dXNlcjpwYXNz'],
    ['scheme only', 'Bearer'],
    ['two tokens', 'Bearer a b'],
    ['two headers', ['Bearer a', 'Bearer b']],
    ['bad characters', 'Bearer a"b'],
    ['newline', 'Bearer abc\r\nX-Evil: 1'],
    ['huge', `Bearer ${'a'.repeat(100_000)}`],
    ['three dots', 'Bearer ...'],
    ['undecodable JWT', 'Bearer abc.def.ghi'],
    ['JSON that is not an object', `Bearer ${b64([1])}.${b64('x')}.sig`],
    ['unknown opaque token', 'Bearer hvs.CAESIJ'],
  ];
  test.each(cases)('%s: 401', async (_name, authorization) => {
    const verifier = docsVerifier();
    denied(await verifier.verify({ authorization: authorization as string, ...docsRead }), 401);
  });

  test('requests for what the server does not have are 403, never a throw', async () => {
    const verifier = docsVerifier();
    const token = bearer(await summarizerToken());
    denied(await verifier.verify({ authorization: token, skill: 'nope', action: 'read' }), 403, /no skill/);
    denied(await verifier.verify({ authorization: token, skill: 'documents', action: 'write' }), 403, /no action/);
    denied(await verifier.verify({ authorization: token, action: 'read' }), 403);
    denied(await verifier.verify(undefined as never), 401);
  });

  test('a skill nobody is granted is refused to everyone', async () => {
    const claims = claimsAt('hello-world', 'hello-world', vault.address);
    const verifier = createVerifier({ claims });
    const token = vault.browserToken('test-client', { sub: 'x', 'hello-world.hello_world.read': true, 'hello-world.super_hello_world.read': true });
    expect((await verifier.verify({ authorization: bearer(token), skill: 'hello_world', action: 'read' })).allowed).toBe(true);
    denied(await verifier.verify({ authorization: bearer(token), skill: 'super_hello_world', action: 'read' }), 403, /to nobody/);
  });
});

describe('configuration errors are thrown at start-up, naming the field', () => {
  const claims = () => claimsAt('delegation', 'docs', vault.address) as unknown as Record<string, unknown>;

  test('missing audiences and entity ids, every one named', () => {
    let caught: unknown;
    try {
      createVerifier({ claims: claims() });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(VerifierConfigError);
    const { problems } = caught as VerifierConfigError;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^audiences\["summarizer\.docs"\]: missing: .*identity_token_audiences/),
        expect.stringMatching(/^entities\["summarizer"\]: missing: .*identity\/entity\/name\/summarizer/),
        expect.stringMatching(/^entities\["alice"\]: missing/),
        expect.stringMatching(/^entities\["carol"\]: missing/),
      ]),
    );
  });

  test('a claims file of another version or with bad fields', () => {
    expect(() => createVerifier({ claims: { ...claims(), version: 2 } })).toThrow(/claims\.version: expected 1, got number/);
    const bad = claims() as { issuers: Record<string, unknown>[] };
    bad.issuers[0].jwks = 'http://vault.example.com/v1/identity-delegation/jwks';
    bad.issuers[1].algorithms = ['HS256', 'none'];
    let caught: unknown;
    try {
      createVerifier({ claims: bad, audiences: AUDIENCES, entities: ENTITIES });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ClaimsFileError);
    expect((caught as ClaimsFileError).problems).toEqual([
      'claims.issuers[0].jwks: "http://vault.example.com/v1/identity-delegation/jwks" is not an https URL (plain http is accepted only on loopback: 127.0.0.0/8, [::1], localhost)',
      'claims.issuers[1].algorithms[0]: "HS256" is not an algorithm Vault signs with (RS256, RS384, RS512, ES256, ES384, ES512, EdDSA)',
      'claims.issuers[1].algorithms[1]: "none" is not an algorithm Vault signs with (RS256, RS384, RS512, ES256, ES384, ES512, EdDSA)',
    ]);
    expect(() => createVerifier({ claims: 'not json' })).toThrow(/claims: expected an object/);
  });

  test('options out of range', () => {
    expect(() => docsVerifier({ clockToleranceSeconds: 3600 })).toThrow(/clockToleranceSeconds: 3600 is more than 300/);
    expect(() => docsVerifier({ timeoutMs: -1 })).toThrow(/timeoutMs: expected a number/);
  });

  test('an EdDSA key set is accepted when claims.json says so', async () => {
    // Vault keys may be EdDSA; the verifier follows claims.json's algorithms and nothing else.
    const { publicKey } = await generateKeyPair('EdDSA');
    expect((await exportJWK(publicKey)).kty).toBe('OKP');
    const c = claims() as { issuers: { algorithms?: string[] }[] };
    c.issuers[1].algorithms = ['EdDSA'];
    expect(() => createVerifier({ claims: c, audiences: AUDIENCES, entities: ENTITIES })).not.toThrow();
  });
});
