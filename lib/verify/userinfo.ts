/**
 * Browser access tokens: Vault's OIDC provider issues opaque batch tokens, so the only way to
 * check one is to ask the provider's userinfo endpoint with it. Vault answers 200 with
 * `{"sub": <entity id>, …claims of the granted scopes}` only for a live token of a client the
 * provider allows, 401 for an expired or unknown token and 403 for a client or entity it does not
 * admit (vault/identity_store_oidc_provider.go, pathOIDCUserInfo).
 *
 * - Fail closed: a timeout, a redirect, a 5xx, a body that is not a JSON object with `sub` all deny.
 * - The token is sent to the provider's own userinfo URL and nowhere else (redirects are not
 *   followed), and is never logged or put in a reason. The cache is keyed by its SHA-256.
 * - Answers are kept at most `cacheSeconds`, never longer than the client's access-token TTL (the
 *   token's whole lifetime) and, when the answer carries `exp`, never past it. Vault's answer has
 *   no `exp`: an opaque token's remaining lifetime cannot be learnt, so keep `cacheSeconds` short.
 * - Concurrent requests with the same token share one call per provider.
 */
import { createHash } from 'node:crypto';
import type { BrowserIssuer } from './claims-file';

export type UserinfoAnswer =
  | { readonly ok: true; readonly issuer: BrowserIssuer; readonly claims: Readonly<Record<string, unknown>>; readonly subject: string }
  | { readonly ok: false; readonly reason: string };

export interface UserinfoOptions {
  readonly timeoutMs: number;
  readonly cacheSeconds: number;
  readonly maxEntries: number;
  readonly now: () => number;
}

/** A userinfo answer larger than this is not Vault's: refuse it instead of buffering it. */
const MAX_BODY_BYTES = 64 * 1024;

interface Entry {
  readonly answer: Extract<UserinfoAnswer, { ok: true }>;
  readonly expiresAt: number;
}

export class UserinfoClient {
  private readonly cache = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<UserinfoAnswer>>();

  constructor(
    private readonly issuers: readonly BrowserIssuer[],
    private readonly options: UserinfoOptions,
  ) {}

  async check(token: string): Promise<UserinfoAnswer> {
    const key = createHash('sha256').update(token).digest('base64url');
    const now = this.options.now();
    const cached = this.cache.get(key);
    if (cached) {
      if (cached.expiresAt > now) return cached.answer;
      this.cache.delete(key);
    }
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.ask(token, key).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }

  private async ask(token: string, key: string): Promise<UserinfoAnswer> {
    // A token belongs to one provider; the others answer 403. Ask them all at once.
    const answers = await Promise.all(this.issuers.map((issuer) => this.askOne(issuer, token)));
    const found = answers.find((a): a is Extract<UserinfoAnswer, { ok: true }> => a.ok);
    if (!found) {
      const reasons = [...new Set(answers.map((a) => (a.ok ? '' : a.reason)))];
      return { ok: false, reason: `userinfo refused the token: ${reasons.join('; ')}` };
    }
    this.remember(key, found);
    return found;
  }

  private remember(key: string, answer: Extract<UserinfoAnswer, { ok: true }>): void {
    const now = this.options.now();
    let lifetimeMs = Math.min(this.options.cacheSeconds, answer.issuer.accessTokenTtlSeconds) * 1000;
    const exp = answer.claims.exp;
    if (typeof exp === 'number') lifetimeMs = Math.min(lifetimeMs, exp * 1000 - now);
    if (lifetimeMs <= 0) return;
    if (this.cache.size >= this.options.maxEntries) {
      // Oldest first (Map keeps insertion order); expired entries go too.
      for (const [k, e] of this.cache) {
        if (this.cache.size < this.options.maxEntries && e.expiresAt > now) break;
        this.cache.delete(k);
      }
    }
    this.cache.set(key, { answer, expiresAt: now + lifetimeMs });
  }

  private async askOne(issuer: BrowserIssuer, token: string): Promise<UserinfoAnswer> {
    let response: Response;
    try {
      response = await fetch(issuer.userinfo, {
        method: 'GET',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
      return { ok: false, reason: timedOut ? `${issuer.provider} did not answer within ${this.options.timeoutMs} ms` : `${issuer.provider} could not be reached` };
    }
    let body: string;
    try {
      body = await readLimited(response);
    } catch {
      return { ok: false, reason: `${issuer.provider} sent an unreadable or oversized answer` };
    }
    if (response.status !== 200) {
      const what =
        response.status === 401
          ? 'invalid or expired token'
          : response.status === 403
            ? 'token of another client or an unassigned user'
            : response.status >= 500
              ? 'server error'
              : `status ${response.status}`;
      return { ok: false, reason: `${issuer.provider} answered ${response.status} (${what})` };
    }
    let claims: unknown;
    try {
      claims = JSON.parse(body);
    } catch {
      return { ok: false, reason: `${issuer.provider} answered with something that is not JSON` };
    }
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims) || typeof (claims as { sub?: unknown }).sub !== 'string') {
      return { ok: false, reason: `${issuer.provider} answered without a "sub"` };
    }
    const c = claims as Record<string, unknown>;
    return { ok: true, issuer, claims: c, subject: c.sub as string };
  }
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel();
    throw new Error('too large');
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new Error('too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
