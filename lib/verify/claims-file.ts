/**
 * `claims.json`, version 1: what one server agent must accept, written by `vault-a2a cards` and
 * read by `createVerifier`. This file is the one place its shape is typed; lib/review writes these
 * types and the verifier reads them, so the two cannot drift apart. docs/verify.md documents it.
 *
 * Reading is hand-written on purpose: lib/verify loads nothing but `jose` at run time, so a server
 * can import it without the topology schema (zod) or CDKTF. Every problem is reported with its
 * path (`claims.issuers[1].jwks`), all at once.
 */

export const CLAIMS_FILE_VERSION = 1;

/**
 * The JWS algorithms Vault's identity-token keys can sign with (`identity/oidc/key` `algorithm`:
 * RS256, RS384, RS512, ES256, ES384, ES512, EdDSA) — also all the identity-delegation plugin uses
 * (RS256/384/512). Nothing else is ever accepted: not `none`, not an HMAC algorithm.
 */
export const VAULT_SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export type SigningAlgorithm = (typeof VAULT_SIGNING_ALGORITHMS)[number];

/** Browser sign-in: an opaque Vault access token, checked by reading the provider's userinfo with it. */
export interface BrowserIssuer {
  readonly flow: 'browser';
  /** The Agent Card security scheme (`vault-oidc-<client>`). */
  readonly scheme: string;
  /** `iss` of the provider's ID tokens. */
  readonly issuer: string;
  /** The client agent users sign in through. */
  readonly agent: string;
  /** Its Vault OIDC client (a sign-in partition of the agent when delegation splits it). */
  readonly client: string;
  readonly provider: string;
  /** `<issuer>/userinfo`: answers `{"sub": <entity id>, <claim>: true, …}` for this provider's tokens. */
  readonly userinfo: string;
  /** The provider's scopes that concern this server (a subset of its `scopes_supported`). */
  readonly scopes: readonly string[];
  /** The client's `access_token_ttl`: the longest a token can live, so the longest an answer is kept. */
  readonly accessTokenTtlSeconds: number;
  readonly how: string;
}

/** Headless calls: a Vault identity token (JWT) minted from `identity/oidc/token/<role>`. */
export interface HeadlessIssuer {
  readonly flow: 'headless';
  readonly scheme: string;
  /** `<vault>/v1/[<namespace>/]identity/oidc`. */
  readonly issuer: string;
  readonly algorithms: readonly SigningAlgorithm[];
  /** `<issuer>/.well-known/keys` (unauthenticated). */
  readonly jwks: string;
  /** Present when the server has a Vault login whose policy allows `update` on it. */
  readonly introspect?: { readonly path: string; readonly url: string };
  /** Roles minting tokens for this server; each role's client_id (known after apply) is an accepted `aud`. */
  readonly audiences: readonly { readonly client: string; readonly role: string; readonly resolve: string }[];
  readonly how: string;
}

/** Delegated calls (RFC 8693): a token from the identity-delegation plugin naming user and actor. */
export interface DelegatedIssuer {
  readonly flow: 'delegated';
  readonly scheme: string;
  /** `iss` the exchange engine writes (its config `issuer`). */
  readonly issuer: string;
  readonly algorithms: readonly SigningAlgorithm[];
  /** `<vault>/v1/[<namespace>/]<mount>/jwks` (unauthenticated). */
  readonly jwks: string;
  /** The `aud` the engine writes for this server: its URL. */
  readonly audience: string;
  /** Actors whose delegated tokens this server accepts, each with the users it may act for. */
  readonly actors: readonly { readonly actor: string; readonly subjects: readonly string[] }[];
  /** Where the entity ids in `sub` and `act.sub` come from. */
  readonly resolve: string;
  readonly how: string;
}

export type ClaimsIssuer = BrowserIssuer | HeadlessIssuer | DelegatedIssuer;
export type Flow = ClaimsIssuer['flow'];

export interface ClaimsAction {
  readonly action: string;
  /** OAuth scope `<server>.<skill>.<action>`. */
  readonly scope: string;
  /** The claim that must be `true` (browser, headless), or the scope `scope` must list (delegated). */
  readonly claim: string;
  readonly value: true;
  /** Who may present it; all empty when nobody is granted the action (the server refuses it). */
  readonly browser: readonly { readonly agent: string; readonly client: string; readonly scheme: string }[];
  readonly headless: readonly { readonly client: string; readonly role: string; readonly scheme: string }[];
  readonly delegated: readonly { readonly actor: string; readonly scheme: string }[];
}

export interface ClaimsSkill {
  readonly skill: string;
  readonly public: boolean;
  readonly actions: readonly ClaimsAction[];
}

export interface ClaimsFile {
  readonly version: typeof CLAIMS_FILE_VERSION;
  readonly server: string;
  /** The server's base URL (the `aud` of delegated tokens). */
  readonly url?: string;
  readonly issuers: readonly ClaimsIssuer[];
  readonly skills: readonly ClaimsSkill[];
  /** The authenticated extended card, served to a caller presenting any of these claims. */
  readonly extendedCard: { readonly available: false } | { readonly available: true; readonly anyOfClaims: readonly string[] };
}

/** A `claims.json` that cannot be used, with every problem and where it is. */
export class ClaimsFileError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`claims.json is not usable (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'ClaimsFileError';
  }
}

/**
 * Http only where it cannot leave the machine (tests, local development); everywhere else a
 * network attacker could swap keys or read tokens.
 */
export function isAcceptableUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopback(url.hostname);
}

/** The same rule as lib/topology/urls.ts `isLoopbackHost` (a test holds them equal): lib/verify loads no topology code. */
function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
}

type Obj = Record<string, unknown>;

class Reader {
  readonly problems: string[] = [];

  problem(path: string, message: string): undefined {
    this.problems.push(`${path}: ${message}`);
    return undefined;
  }

  object(value: unknown, path: string): Obj | undefined {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.problem(path, `expected an object, got ${kind(value)}`);
    return value as Obj;
  }

  array(value: unknown, path: string): unknown[] | undefined {
    return Array.isArray(value) ? value : this.problem(path, `expected a list, got ${kind(value)}`);
  }

  string(value: unknown, path: string): string | undefined {
    if (typeof value !== 'string' || value === '') return this.problem(path, `expected a non-empty string, got ${kind(value)}`);
    return value;
  }

  url(value: unknown, path: string): string | undefined {
    const s = this.string(value, path);
    if (s !== undefined && !isAcceptableUrl(s)) return this.problem(path, `${JSON.stringify(s)} is not an https URL (plain http is accepted only on loopback: 127.0.0.0/8, [::1], localhost)`);
    return s;
  }

  strings(value: unknown, path: string): string[] {
    const list = this.array(value, path) ?? [];
    return list.map((v, i) => this.string(v, `${path}[${i}]`)).filter((v): v is string => v !== undefined);
  }

  list<T>(value: unknown, path: string, item: (v: Obj, p: string) => T | undefined): T[] {
    const list = this.array(value, path) ?? [];
    return list.flatMap((v, i) => {
      const o = this.object(v, `${path}[${i}]`);
      const r = o ? item(o, `${path}[${i}]`) : undefined;
      return r === undefined ? [] : [r];
    });
  }

  algorithms(value: unknown, path: string): SigningAlgorithm[] {
    const list = this.strings(value, path);
    if (list.length === 0) this.problem(path, 'lists no algorithm');
    return list.filter((a, i): a is SigningAlgorithm => {
      if ((VAULT_SIGNING_ALGORITHMS as readonly string[]).includes(a)) return true;
      this.problem(`${path}[${i}]`, `${JSON.stringify(a)} is not an algorithm Vault signs with (${VAULT_SIGNING_ALGORITHMS.join(', ')})`);
      return false;
    });
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

function readIssuer(r: Reader, o: Obj, path: string): ClaimsIssuer | undefined {
  const scheme = r.string(o.scheme, `${path}.scheme`);
  const issuer = r.url(o.issuer, `${path}.issuer`);
  const how = typeof o.how === 'string' ? o.how : '';
  switch (o.flow) {
    case 'browser': {
      const ttl = o.accessTokenTtlSeconds;
      if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl <= 0) r.problem(`${path}.accessTokenTtlSeconds`, `expected a positive whole number of seconds, got ${kind(ttl)}`);
      const fields = {
        agent: r.string(o.agent, `${path}.agent`),
        client: r.string(o.client, `${path}.client`),
        provider: r.string(o.provider, `${path}.provider`),
        userinfo: r.url(o.userinfo, `${path}.userinfo`),
      };
      const scopes = r.strings(o.scopes, `${path}.scopes`);
      if (scheme === undefined || issuer === undefined || Object.values(fields).includes(undefined) || typeof ttl !== 'number') return undefined;
      return { flow: 'browser', scheme, issuer, ...(fields as Record<keyof typeof fields, string>), scopes, accessTokenTtlSeconds: ttl, how };
    }
    case 'headless': {
      const algorithms = r.algorithms(o.algorithms, `${path}.algorithms`);
      const jwks = r.url(o.jwks, `${path}.jwks`);
      const audiences = r.list(o.audiences, `${path}.audiences`, (a, p) => {
        const client = r.string(a.client, `${p}.client`);
        const role = r.string(a.role, `${p}.role`);
        return client !== undefined && role !== undefined ? { client, role, resolve: typeof a.resolve === 'string' ? a.resolve : '' } : undefined;
      });
      let introspect: HeadlessIssuer['introspect'];
      if (o.introspect !== undefined) {
        const i = r.object(o.introspect, `${path}.introspect`);
        const ipath = i && r.string(i.path, `${path}.introspect.path`);
        const url = i && r.url(i.url, `${path}.introspect.url`);
        if (ipath && url) introspect = { path: ipath, url };
      }
      if (scheme === undefined || issuer === undefined || jwks === undefined) return undefined;
      return { flow: 'headless', scheme, issuer, algorithms, jwks, ...(introspect ? { introspect } : {}), audiences, how };
    }
    case 'delegated': {
      const algorithms = r.algorithms(o.algorithms, `${path}.algorithms`);
      const jwks = r.url(o.jwks, `${path}.jwks`);
      const audience = r.string(o.audience, `${path}.audience`);
      const actors = r.list(o.actors, `${path}.actors`, (a, p) => {
        const actor = r.string(a.actor, `${p}.actor`);
        const subjects = r.strings(a.subjects, `${p}.subjects`);
        return actor !== undefined ? { actor, subjects } : undefined;
      });
      if (scheme === undefined || issuer === undefined || jwks === undefined || audience === undefined) return undefined;
      return { flow: 'delegated', scheme, issuer, algorithms, jwks, audience, actors, resolve: typeof o.resolve === 'string' ? o.resolve : '', how };
    }
    default:
      return r.problem(`${path}.flow`, `expected "browser", "headless" or "delegated", got ${kind(o.flow)}`);
  }
}

function readAction(r: Reader, o: Obj, path: string): ClaimsAction | undefined {
  const action = r.string(o.action, `${path}.action`);
  const scope = r.string(o.scope, `${path}.scope`);
  const claim = r.string(o.claim, `${path}.claim`);
  if (o.value !== true) r.problem(`${path}.value`, `expected true, got ${kind(o.value)}`);
  const browser = r.list(o.browser, `${path}.browser`, (h, p) => {
    const [agent, client, scheme] = [r.string(h.agent, `${p}.agent`), r.string(h.client, `${p}.client`), r.string(h.scheme, `${p}.scheme`)];
    return agent && client && scheme ? { agent, client, scheme } : undefined;
  });
  const headless = r.list(o.headless, `${path}.headless`, (h, p) => {
    const [client, role, scheme] = [r.string(h.client, `${p}.client`), r.string(h.role, `${p}.role`), r.string(h.scheme, `${p}.scheme`)];
    return client && role && scheme ? { client, role, scheme } : undefined;
  });
  const delegated = r.list(o.delegated, `${path}.delegated`, (h, p) => {
    const [actor, scheme] = [r.string(h.actor, `${p}.actor`), r.string(h.scheme, `${p}.scheme`)];
    return actor && scheme ? { actor, scheme } : undefined;
  });
  if (action === undefined || scope === undefined || claim === undefined) return undefined;
  return { action, scope, claim, value: true, browser, headless, delegated };
}

/** Checks that holders name issuers of the file: a holder without its issuer could never be verified. */
function crossCheck(r: Reader, file: ClaimsFile): void {
  const schemes = new Map(file.issuers.map((i) => [i.scheme, i]));
  file.issuers.forEach((i, n) => {
    if (file.issuers.findIndex((j) => j.scheme === i.scheme) !== n) r.problem(`claims.issuers[${n}].scheme`, `${JSON.stringify(i.scheme)} is listed twice`);
  });
  file.skills.forEach((s, si) =>
    s.actions.forEach((a, ai) => {
      const at = `claims.skills[${si}].actions[${ai}]`;
      const check = (list: readonly { scheme: string }[], flow: Flow, name: string) =>
        list.forEach((h, hi) => {
          if (schemes.get(h.scheme)?.flow !== flow) r.problem(`${at}.${name}[${hi}].scheme`, `no ${flow} issuer with scheme ${JSON.stringify(h.scheme)} in claims.issuers`);
        });
      check(a.browser, 'browser', 'browser');
      check(a.headless, 'headless', 'headless');
      check(a.delegated, 'delegated', 'delegated');
      a.headless.forEach((h, hi) => {
        const issuer = schemes.get(h.scheme);
        if (issuer?.flow === 'headless' && !issuer.audiences.some((x) => x.role === h.role)) {
          r.problem(`${at}.headless[${hi}].role`, `role ${JSON.stringify(h.role)} is not among the audiences of issuer ${JSON.stringify(h.scheme)}`);
        }
      });
      a.delegated.forEach((h, hi) => {
        const issuer = schemes.get(h.scheme);
        if (issuer?.flow === 'delegated' && !issuer.actors.some((x) => x.actor === h.actor)) {
          r.problem(`${at}.delegated[${hi}].actor`, `actor ${JSON.stringify(h.actor)} is not among the actors of issuer ${JSON.stringify(h.scheme)}`);
        }
      });
    }),
  );
}

/** Validates a parsed `claims.json`; throws `ClaimsFileError` naming every bad field. */
export function readClaimsFile(value: unknown): ClaimsFile {
  const r = new Reader();
  const o = r.object(value, 'claims');
  if (!o) throw new ClaimsFileError(r.problems);
  if (o.version !== CLAIMS_FILE_VERSION) {
    r.problem(
      'claims.version',
      `expected ${CLAIMS_FILE_VERSION}, got ${kind(o.version)}: this verifier reads claims.json version ${CLAIMS_FILE_VERSION}; regenerate it with "vault-a2a cards" from the same package version`,
    );
    throw new ClaimsFileError(r.problems);
  }
  const server = r.string(o.server, 'claims.server');
  const url = o.url === undefined ? undefined : r.url(o.url, 'claims.url');
  const issuers = r.list(o.issuers, 'claims.issuers', (i, p) => readIssuer(r, i, p));
  const skills = r.list(o.skills, 'claims.skills', (s, p) => {
    const skill = r.string(s.skill, `${p}.skill`);
    if (typeof s.public !== 'boolean') r.problem(`${p}.public`, `expected true or false, got ${kind(s.public)}`);
    const actions = r.list(s.actions, `${p}.actions`, (a, ap) => readAction(r, a, ap));
    return skill !== undefined ? { skill, public: s.public === true, actions } : undefined;
  });
  const ext = r.object(o.extendedCard, 'claims.extendedCard');
  const extendedCard: ClaimsFile['extendedCard'] =
    ext?.available === true ? { available: true, anyOfClaims: r.strings(ext.anyOfClaims, 'claims.extendedCard.anyOfClaims') } : { available: false };
  if (r.problems.length > 0 || server === undefined) throw new ClaimsFileError(r.problems);
  const file: ClaimsFile = { version: CLAIMS_FILE_VERSION, server, ...(url ? { url } : {}), issuers, skills, extendedCard };
  crossCheck(r, file);
  if (r.problems.length > 0) throw new ClaimsFileError(r.problems);
  return file;
}
