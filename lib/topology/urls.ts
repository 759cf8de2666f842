/**
 * URL rules. Each check returns the first problem with a URL (message + fix) or undefined.
 * Whitespace is refused up front because `new URL()` silently trims it, and Vault compares
 * redirect URIs as exact strings.
 */

export interface Problem {
  readonly message: string;
  readonly fix: string;
}

/** Hosts RFC 8252 §7.3 allows over plain http: the native app's own loopback interface. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A host that never leaves the machine: the IPv4 loopback block 127.0.0.0/8 (RFC 1122 §3.2.1.3),
 * `[::1]` and `localhost` (RFC 6761 §6.3). `URL` has already normalized the host (`127.1` reads as
 * `127.0.0.1`, `LOCALHOST` as `localhost`), so a string comparison is exact.
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets[1] === '127' && octets.slice(2).every((o) => Number(o) <= 255);
}

type Parsed = { readonly url: URL } | { readonly problem: Problem };

function parseAbsolute(value: string, example: string): Parsed {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) {
    return { problem: { message: `${JSON.stringify(value)} contains whitespace or control characters`, fix: `remove them, e.g. ${example}` } };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: { message: `${JSON.stringify(value)} is not an absolute URL`, fix: `write scheme, host and path, e.g. ${example}` } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { problem: { message: `${JSON.stringify(value)} must be an http(s) URL (got "${url.protocol}")`, fix: `use https, e.g. ${example}` } };
  }
  if (url.hostname === '') {
    return { problem: { message: `${JSON.stringify(value)} has no host`, fix: `write scheme, host and path, e.g. ${example}` } };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      problem: {
        message: `${JSON.stringify(value)} contains a user name or password`,
        fix: 'remove the credentials: URLs end up in synthesized configuration and Agent Cards',
      },
    };
  }
  return { url };
}

export function checkVaultAddress(value: string): Problem | undefined {
  const example = 'https://vault.example.com:8200';
  const parsed = parseAbsolute(value, example);
  if ('problem' in parsed) return parsed.problem;
  const { url } = parsed;
  if (url.protocol !== 'https:' && !isLoopbackHost(url.hostname)) {
    return {
      message: `must use https (got ${JSON.stringify(value)})`,
      fix:
        `use https, e.g. ${example}: tokens and client secrets travel over this connection ` +
        '(plain http is accepted only on loopback, 127.0.0.0/8, [::1] or localhost, for tests and local development)',
    };
  }
  if (url.pathname !== '/') {
    return {
      message: `must not have a path (got "${url.pathname}")`,
      fix: `write only scheme, host and port, e.g. ${example}; "/v1" and the namespace are added where needed`,
    };
  }
  if (value.includes('?') || value.includes('#')) {
    return { message: 'must not have a query or fragment', fix: `write only scheme, host and port, e.g. ${example}` };
  }
  return undefined;
}

/**
 * A server agent's base URL (also the `aud` of delegated tokens), or the exchange issuer. "{{"
 * and "}}" are refused: the token-exchange plugin renders the role template holding these URLs
 * with mustache, where they would be tags.
 */
export function checkServiceUrl(value: string): Problem | undefined {
  const parsed = parseAbsolute(value, 'https://agent.example.com');
  if ('problem' in parsed) return parsed.problem;
  if (value.includes('{{') || value.includes('}}')) {
    return { message: `${JSON.stringify(value)} contains "{{" or "}}"`, fix: 'percent-encode the braces (%7B, %7D): the token-exchange plugin reads "{{" as a template tag' };
  }
  return undefined;
}

export function checkRedirectUri(value: string): Problem | undefined {
  const example = 'https://app.example.com/callback';
  if (value.includes('*')) {
    return {
      message: `${JSON.stringify(value)} contains "*"`,
      fix: 'list every redirect URI in full: Vault matches redirect URIs exactly, and a wildcard would let any matching site receive authorization codes',
    };
  }
  const parsed = parseAbsolute(value, example);
  if ('problem' in parsed) return parsed.problem;
  const { url } = parsed;
  if (value.includes('#')) {
    return { message: `${JSON.stringify(value)} has a fragment`, fix: 'remove the "#…" part: redirect URIs must not contain a fragment (RFC 6749 §3.1.2)' };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return {
      message: `${JSON.stringify(value)} uses plain http for a host that is not loopback`,
      fix: 'use https; plain http is allowed only for loopback redirects (http://127.0.0.1:<port>/…, http://localhost:<port>/… or http://[::1]:<port>/…) as RFC 8252 §7.3 allows for native apps',
    };
  }
  return undefined;
}

/**
 * An OAuth issuer (`iss`) Vault is to trust: https, no credentials, no query or fragment
 * (RFC 8414 §2). The path is kept as written: Vault compares `iss` as an exact string.
 */
export function checkIssuerUrl(value: string): Problem | undefined {
  const example = 'https://login.example.com/oauth2/default';
  const parsed = parseAbsolute(value, example);
  if ('problem' in parsed) return parsed.problem;
  if (parsed.url.protocol !== 'https:') {
    return { message: `must use https (got ${JSON.stringify(value)})`, fix: `write the issuer exactly as the IdP puts it in "iss", e.g. ${example}` };
  }
  if (value.includes('?') || value.includes('#')) {
    return { message: `${JSON.stringify(value)} has a query or fragment`, fix: 'an issuer is scheme, host and path only (RFC 8414 §2); copy "issuer" from the IdP\'s discovery document' };
  }
  return undefined;
}

/** Where Vault fetches verification keys: https only, or anyone on the path can swap the keys. */
export function checkJwksUri(value: string): Problem | undefined {
  const example = 'https://login.example.com/oauth2/default/v1/keys';
  const parsed = parseAbsolute(value, example);
  if ('problem' in parsed) return parsed.problem;
  if (parsed.url.protocol !== 'https:') {
    return {
      message: `must use https (got ${JSON.stringify(value)})`,
      fix: `use the IdP's https JWKS URL, e.g. ${example}: over plain http anyone on the network path can substitute signing keys and mint tokens Vault accepts`,
    };
  }
  if (value.includes('#')) return { message: `${JSON.stringify(value)} has a fragment`, fix: 'remove the "#…" part' };
  return undefined;
}
