/**
 * A stand-in for Vault on a loopback port, for the verifier tests: the endpoints a server agent
 * talks to, answering as Vault's documentation and source show them.
 *
 * - `GET /v1/identity/oidc/.well-known/keys`: `{"keys": [{"use": "sig", "kty": "RSA", "kid", "alg": "RS256", "n", "e"}]}`
 *   (api-docs/secret/identity/tokens.mdx, "Read Active Public Keys").
 * - `GET|POST /v1/identity/oidc/provider/<name>/userinfo`: `{"sub": <entity id>, …scope claims}` for a
 *   live token of a client the provider allows; 401 `invalid_token` (expired or unknown), 403
 *   `access_denied` (another provider's client) with Vault's error bodies (identity_store_oidc_provider.go).
 * - `GET /v1/<mount>/jwks`: the identity-delegation plugin's key set (`kty`, `use`, `alg`, `kid`, `n`, `e`).
 *
 * Tokens are minted the way Vault and the plugin mint them: identity tokens with `iss`, `sub`,
 * `aud` (the role's client_id), `iat`, `exp`, `namespace` and the role template's claims, header
 * `{alg, kid}`; delegated tokens with `iss`, `sub`, `iat`, `exp`, `aud`, `act: {sub, iss}`,
 * `scope` (space-separated), header `{alg, kid, typ: "JWT"}`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function newKey(alg: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const jwk = { use: 'sig', kty: 'RSA', kid, alg, ...(await exportJWK(publicKey)) } as JWK;
  return { kid, privateKey, jwk };
}

interface BrowserToken {
  readonly provider: string;
  readonly claims: Record<string, unknown>;
  readonly expiresAt: number;
}

export interface FakeVaultOptions {
  /** Mount of the identity-delegation plugin. Default identity-delegation. */
  readonly exchangeMount?: string;
}

export class FakeVault {
  readonly server: Server;
  address = '';
  /** Keys currently published; the first signs. */
  identityKeys: SigningKey[] = [];
  exchangeKeys: SigningKey[] = [];
  readonly counts = { identityJwks: 0, exchangeJwks: 0, userinfo: 0 };
  /** Userinfo behaviour override: a delay (ms) and/or a fixed status. */
  userinfo: { delayMs?: number; status?: number } = {};
  readonly authorizationsSeen: string[] = [];
  private readonly browserTokens = new Map<string, BrowserToken>();
  private readonly exchangeMount: string;
  private readonly sockets = new Set<import('node:net').Socket>();

  private constructor(options: FakeVaultOptions) {
    this.exchangeMount = options.exchangeMount ?? 'identity-delegation';
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(options: FakeVaultOptions = {}): Promise<FakeVault> {
    const vault = new FakeVault(options);
    vault.identityKeys = [await newKey('RS256')];
    vault.exchangeKeys = [await newKey('RS256')];
    await new Promise<void>((resolve) => vault.server.listen(0, '127.0.0.1', resolve));
    vault.address = `http://127.0.0.1:${(vault.server.address() as AddressInfo).port}`;
    return vault;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get identityIssuer(): string {
    return `${this.address}/v1/identity/oidc`;
  }

  get exchangeIssuer(): string {
    return `${this.address}/v1/${this.exchangeMount}`;
  }

  /** Rotates the identity-token key: a new signing key is published and the old one is dropped. */
  async rotateIdentityKey(): Promise<void> {
    this.identityKeys = [await newKey('RS256')];
  }

  async identityToken(options: {
    aud: string;
    sub: string;
    claims?: Record<string, unknown>;
    ttlSeconds?: number;
    iat?: number;
    iss?: string;
    key?: SigningKey;
  }): Promise<string> {
    const key = options.key ?? this.identityKeys[0];
    const iat = options.iat ?? Math.floor(Date.now() / 1000);
    return new SignJWT({ namespace: 'root', ...options.claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .setIssuer(options.iss ?? this.identityIssuer)
      .setSubject(options.sub)
      .setAudience(options.aud)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (options.ttlSeconds ?? 900))
      .sign(key.privateKey);
  }

  async delegatedToken(options: { sub: string; actor: string; aud: string[]; scope: string[]; ttlSeconds?: number; iss?: string }): Promise<string> {
    const key = this.exchangeKeys[0];
    const iat = Math.floor(Date.now() / 1000);
    const iss = options.iss ?? this.exchangeIssuer;
    return new SignJWT({ act: { sub: options.actor, iss }, scope: options.scope.join(' ') })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(iss)
      .setSubject(options.sub)
      .setAudience(options.aud)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (options.ttlSeconds ?? 900))
      .sign(key.privateKey);
  }

  /** An opaque access token of `provider`, as Vault's token endpoint hands out (a batch token). */
  browserToken(provider: string, claims: Record<string, unknown>, ttlSeconds = 900): string {
    const token = `b.AAAAAQ${randomBytes(48).toString('base64url')}`;
    this.browserTokens.set(token, { provider, claims, expiresAt: Date.now() + ttlSeconds * 1000 });
    return token;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.address);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && url.pathname === '/v1/identity/oidc/.well-known/keys') {
      this.counts.identityJwks += 1;
      return json(200, { keys: this.identityKeys.map((k) => k.jwk) });
    }
    if (req.method === 'GET' && url.pathname === `/v1/${this.exchangeMount}/jwks`) {
      this.counts.exchangeJwks += 1;
      return json(200, { keys: this.exchangeKeys.map((k) => k.jwk) });
    }
    const userinfo = /^\/v1\/identity\/oidc\/provider\/([^/]+)\/userinfo$/.exec(url.pathname);
    if (userinfo && (req.method === 'GET' || req.method === 'POST')) {
      this.counts.userinfo += 1;
      this.authorizationsSeen.push(req.headers.authorization ?? '');
      if (this.userinfo.delayMs) {
        // Answer late, or not at all once the caller gave up: no timer outlives the request.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.userinfo.delayMs);
          req.on('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      if (res.destroyed) return;
      if (this.userinfo.status) return json(this.userinfo.status, { errors: ['internal error'] });
      const auth = req.headers.authorization ?? '';
      if (!auth.startsWith('Bearer ')) return json(400, { error: 'invalid_request', error_description: 'access token must be sent as a Bearer token' });
      const token = this.browserTokens.get(auth.slice('Bearer '.length));
      const invalid = (d: string) =>
        json(401, { error: 'invalid_token', error_description: d }, { 'www-authenticate': `Bearer error="invalid_token",error_description="${d}"` });
      if (!token || token.expiresAt <= Date.now()) return invalid('access token is expired');
      if (token.provider !== userinfo[1]) return json(403, { error: 'access_denied', error_description: 'client is not authorized to use the provider' });
      return json(200, token.claims);
    }
    json(404, { errors: [] });
  }
}
