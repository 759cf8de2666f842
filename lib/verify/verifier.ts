/**
 * `createVerifier`: checks each request of an A2A server agent against what the topology grants,
 * from the server's `claims.json` (written by `vault-a2a cards`) and the values Vault generates
 * at apply time (identity-token audiences, entity ids).
 *
 * Construction validates everything and throws `VerifierConfigError` listing every problem; a
 * server that starts has a usable configuration. `verify` never throws: missing or malformed
 * credentials, tokens that do not verify and unreachable issuers are 401; a valid token without
 * the grant (or from a caller the topology does not give the grant) is 403.
 */
import { bearerToken } from './authorization';
import {
  readClaimsFile,
  type BrowserIssuer,
  type ClaimsAction,
  type ClaimsFile,
  type DelegatedIssuer,
  type Flow,
  type HeadlessIssuer,
} from './claims-file';
import { JwtIssuer, peekJwt } from './jwt';
import { UserinfoClient } from './userinfo';

export interface VerifierOptions {
  /** The parsed `claims.json` that `vault-a2a cards` wrote for this server. */
  readonly claims: unknown;
  /**
   * Identity-token role name → client_id (the `aud` of its tokens): the Terraform output
   * `identity_token_audiences` after apply (`terraform output -json identity_token_audiences`).
   * Required for every role in claims.json; other roles are ignored.
   */
  readonly audiences?: Readonly<Record<string, string>>;
  /**
   * Agent or user name → Vault entity id (`vault read -field=id identity/entity/name/<name>`).
   * Required for the actors and users of delegated tokens; when it names a headless client agent,
   * that agent's identity tokens must also carry its entity id as `sub`.
   */
  readonly entities?: Readonly<Record<string, string>>;
  /** Allowed clock difference for `exp`, `nbf` and `iat`, in seconds. Default 30, at most 300. */
  readonly clockToleranceSeconds?: number;
  /** Time limit for userinfo and key-set requests, in milliseconds. Default 3000. */
  readonly timeoutMs?: number;
  /** Longest a userinfo answer is reused, in seconds (0: ask every time). Default 30. */
  readonly userinfoCacheSeconds?: number;
  /** Least time between two key-set fetches caused by an unknown `kid`, in seconds. Default 30. */
  readonly jwksCooldownSeconds?: number;
  /** Key sets are fetched again after this many seconds even without an unknown `kid`. Default 600. */
  readonly jwksMaxAgeSeconds?: number;
  /** The clock, in milliseconds since the epoch (tests). Default `Date.now`. */
  readonly now?: () => number;
}

export interface VerifyRequest {
  /** The request's `Authorization` header as received (a string, or Node's string[] for repeated headers). */
  readonly authorization?: string | readonly string[] | null;
  /** Skill id; omitted: any grant on this server will do (the card's top-level requirement). */
  readonly skill?: string;
  /** Action of the skill; omitted: any action of `skill`. */
  readonly action?: string;
}

export interface Allowed {
  readonly allowed: true;
  readonly flow: Flow;
  /** The Agent Card scheme the token came through. */
  readonly scheme: string;
  /** `sub`: the user's entity id (browser, delegated) or the client agent's (headless). */
  readonly subject: string;
  /** `subject` as a topology name, when `entities` says whose id it is. */
  readonly subjectName?: string;
  /** The client agent: signed in through (browser), minting the token (headless). */
  readonly client?: string;
  /** Delegated tokens: the agent acting for the subject (`act.sub`). */
  readonly actor?: string;
  /** Grants on this server (`<server>.<skill>.<action>`) this caller presented and is granted. */
  readonly grants: readonly string[];
  /** The verified claims: the JWT payload, or the userinfo answer. */
  readonly claims: Readonly<Record<string, unknown>>;
}

export interface Denied {
  readonly allowed: false;
  readonly status: 401 | 403;
  readonly reason: string;
}

export type Verification = Allowed | Denied;

export interface Verifier {
  readonly server: string;
  readonly claims: ClaimsFile;
  verify(request: VerifyRequest): Promise<Verification>;
}

/** A configuration that cannot work, with every problem. Thrown at start-up only. */
export class VerifierConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`createVerifier: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
    this.name = 'VerifierConfigError';
  }
}

const MAX_CLOCK_TOLERANCE = 300;
const USERINFO_CACHE_ENTRIES = 10_000;

interface HeadlessRuntime {
  readonly issuer: HeadlessIssuer;
  readonly jwt: JwtIssuer;
  /** client_id → role. */
  readonly roleByAudience: ReadonlyMap<string, { readonly role: string; readonly client: string }>;
}

interface DelegatedRuntime {
  readonly issuer: DelegatedIssuer;
  readonly jwt: JwtIssuer;
  /** entity id → actor name. */
  readonly actorByEntity: ReadonlyMap<string, string>;
  /** actor name → entity ids of the users it may act for. */
  readonly subjectsOf: ReadonlyMap<string, ReadonlySet<string>>;
}

const deny = (status: 401 | 403, reason: string): Denied => ({ allowed: false, status, reason });

function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value) : String(value);
  return text;
}

function durationOption(problems: string[], name: string, value: number | undefined, fallback: number, max?: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    problems.push(`${name}: expected a number ≥ 0, got ${describeValue(value)}`);
    return fallback;
  }
  if (max !== undefined && value > max) problems.push(`${name}: ${value} is more than ${max}; a large skew accepts expired tokens`);
  return value;
}

function nameMap(problems: string[], option: string, value: unknown): ReadonlyMap<string, string> {
  if (value === undefined) return new Map();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${option}: expected an object of name → id`);
    return new Map();
  }
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' || v === '') problems.push(`${option}[${JSON.stringify(k)}]: expected a non-empty string`);
    else out.set(k, v);
  }
  return out;
}

export function createVerifier(options: VerifierOptions): Verifier {
  const claims = readClaimsFile(options.claims);
  const problems: string[] = [];
  const clockTolerance = durationOption(problems, 'clockToleranceSeconds', options.clockToleranceSeconds, 30, MAX_CLOCK_TOLERANCE);
  const timeoutMs = durationOption(problems, 'timeoutMs', options.timeoutMs, 3000);
  const cacheSeconds = durationOption(problems, 'userinfoCacheSeconds', options.userinfoCacheSeconds, 30);
  const cooldownSeconds = durationOption(problems, 'jwksCooldownSeconds', options.jwksCooldownSeconds, 30);
  const maxAgeSeconds = durationOption(problems, 'jwksMaxAgeSeconds', options.jwksMaxAgeSeconds, 600);
  const audiences = nameMap(problems, 'audiences', options.audiences);
  const entities = nameMap(problems, 'entities', options.entities);
  const now = options.now ?? Date.now;
  const customClock = options.now !== undefined;
  const keySet = { timeoutMs: Math.round(timeoutMs), cooldownMs: cooldownSeconds * 1000, maxAgeMs: maxAgeSeconds * 1000 };

  const headless: HeadlessRuntime[] = [];
  const delegated: DelegatedRuntime[] = [];
  const browser: BrowserIssuer[] = [];
  for (const issuer of claims.issuers) {
    switch (issuer.flow) {
      case 'browser':
        browser.push(issuer);
        break;
      case 'headless': {
        const roleByAudience = new Map<string, { role: string; client: string }>();
        for (const a of issuer.audiences) {
          const id = audiences.get(a.role);
          if (id === undefined) {
            problems.push(
              `audiences[${JSON.stringify(a.role)}]: missing: the client_id of identity-token role "${a.role}" ` +
                `(terraform output -json identity_token_audiences, or vault read -field=client_id identity/oidc/role/${a.role})`,
            );
          } else roleByAudience.set(id, { role: a.role, client: a.client });
        }
        const jwt = new JwtIssuer(
          { issuer: issuer.issuer, jwks: issuer.jwks, algorithms: issuer.algorithms, audiences: [...roleByAudience.keys()], requiredClaims: ['exp', 'iat', 'sub', 'aud'] },
          keySet,
          clockTolerance,
        );
        headless.push({ issuer, jwt, roleByAudience });
        break;
      }
      case 'delegated': {
        const entityOf = (name: string, what: string): string | undefined => {
          const id = entities.get(name);
          if (id === undefined) problems.push(`entities[${JSON.stringify(name)}]: missing: the Vault entity id of ${what} "${name}" (vault read -field=id identity/entity/name/${name})`);
          return id;
        };
        const actorByEntity = new Map<string, string>();
        const subjectsOf = new Map<string, Set<string>>();
        for (const a of issuer.actors) {
          const id = entityOf(a.actor, 'actor agent');
          if (id !== undefined) actorByEntity.set(id, a.actor);
          subjectsOf.set(a.actor, new Set(a.subjects.map((s) => entityOf(s, 'user')).filter((s): s is string => s !== undefined)));
        }
        const jwt = new JwtIssuer(
          { issuer: issuer.issuer, jwks: issuer.jwks, algorithms: issuer.algorithms, audiences: [issuer.audience], requiredClaims: ['exp', 'sub', 'act', 'scope'] },
          keySet,
          clockTolerance,
        );
        delegated.push({ issuer, jwt, actorByEntity, subjectsOf });
        break;
      }
    }
  }
  if (problems.length > 0) throw new VerifierConfigError([...new Set(problems)]);

  const nameOfEntity = new Map([...entities].map(([name, id]) => [id, name]));
  const userinfo = new UserinfoClient(browser, { timeoutMs, cacheSeconds, maxEntries: USERINFO_CACHE_ENTRIES, now });
  const actionsByClaim = new Map<string, ClaimsAction>();
  for (const s of claims.skills) for (const a of s.actions) actionsByClaim.set(a.claim, a);
  const jwtIssuers = [...headless.map((h) => ({ kind: 'headless' as const, h })), ...delegated.map((d) => ({ kind: 'delegated' as const, d }))];

  /** The actions a request asks for: one, a skill's, or every granted one (card level). */
  function wanted(request: VerifyRequest): ClaimsAction[] | Denied {
    const { skill, action } = request;
    if (skill === undefined) {
      if (action !== undefined) return deny(403, 'an action was given without its skill');
      return claims.skills.flatMap((s) => s.actions);
    }
    const found = claims.skills.find((s) => s.skill === skill);
    if (!found) return deny(403, `server ${claims.server} has no skill ${describeValue(skill)}`);
    if (action === undefined) return [...found.actions];
    const a = found.actions.find((x) => x.action === action);
    return a ? [a] : deny(403, `skill ${skill} of server ${claims.server} has no action ${describeValue(action)}`);
  }

  function decide(actions: readonly ClaimsAction[], granted: readonly string[], allowed: Omit<Allowed, 'grants'>, request: VerifyRequest): Verification {
    if (granted.length > 0) return { ...allowed, grants: granted };
    const what =
      request.skill === undefined ? `any grant on ${claims.server}` : request.action === undefined ? `a grant of skill ${request.skill}` : actions[0]?.claim ?? '';
    const nobody = actions.every((a) => a.browser.length + a.headless.length + a.delegated.length === 0);
    return deny(403, nobody ? `the topology grants ${what} to nobody` : `the caller is not granted ${what}`);
  }

  async function verifyHeadless(rt: HeadlessRuntime, token: string, alg: unknown, actions: readonly ClaimsAction[], request: VerifyRequest): Promise<Verification> {
    const checked = await rt.jwt.verify(token, alg, customClock ? now() : undefined);
    if (!checked.ok) return deny(401, checked.reason);
    const p = checked.payload;
    const auds = typeof p.aud === 'string' ? [p.aud] : (p.aud ?? []);
    const roles = auds.map((a) => rt.roleByAudience.get(a)).filter((r): r is { role: string; client: string } => r !== undefined);
    const subject = String(p.sub);
    for (const r of roles) {
      const expected = entities.get(r.client);
      if (expected !== undefined && expected !== subject) return deny(401, `the token of role ${r.role} was not minted by client agent ${r.client} (sub is another entity)`);
    }
    const granted = actions
      .filter((a) => p[a.claim] === true && a.headless.some((h) => h.scheme === rt.issuer.scheme && roles.some((r) => r.role === h.role)))
      .map((a) => a.claim);
    const client = roles[0]?.client;
    return decide(actions, granted, {
      allowed: true,
      flow: 'headless',
      scheme: rt.issuer.scheme,
      subject,
      ...(nameOfEntity.has(subject) ? { subjectName: nameOfEntity.get(subject) } : {}),
      ...(client !== undefined ? { client } : {}),
      claims: p,
    }, request);
  }

  async function verifyDelegated(rt: DelegatedRuntime, token: string, alg: unknown, actions: readonly ClaimsAction[], request: VerifyRequest): Promise<Verification> {
    const checked = await rt.jwt.verify(token, alg, customClock ? now() : undefined);
    if (!checked.ok) return deny(401, checked.reason);
    const p = checked.payload;
    const act = p.act as { sub?: unknown } | undefined;
    if (act === null || typeof act !== 'object' || typeof act.sub !== 'string') return deny(401, 'the delegated token has no act.sub naming its actor');
    if (typeof p.scope !== 'string') return deny(401, 'the delegated token has no scope');
    const subject = String(p.sub);
    const actor = rt.actorByEntity.get(act.sub);
    if (actor === undefined) return deny(403, `the actor of this token (act.sub) is no agent the topology lets act on ${claims.server}`);
    if (!rt.subjectsOf.get(actor)?.has(subject)) return deny(403, `the topology does not let ${actor} act for this user`);
    const scopes = new Set(p.scope.split(' '));
    const granted = actions
      .filter((a) => scopes.has(a.scope) && a.delegated.some((d) => d.scheme === rt.issuer.scheme && d.actor === actor))
      .map((a) => a.claim);
    return decide(actions, granted, {
      allowed: true,
      flow: 'delegated',
      scheme: rt.issuer.scheme,
      subject,
      ...(nameOfEntity.has(subject) ? { subjectName: nameOfEntity.get(subject) } : {}),
      actor,
      claims: p,
    }, request);
  }

  async function verifyBrowser(token: string, actions: readonly ClaimsAction[], request: VerifyRequest): Promise<Verification> {
    const answer = await userinfo.check(token);
    if (!answer.ok) return deny(401, answer.reason);
    const { issuer, claims: c, subject } = answer;
    const granted = actions
      .filter((a) => c[a.claim] === true && a.browser.some((b) => b.scheme === issuer.scheme))
      .map((a) => a.claim);
    return decide(actions, granted, {
      allowed: true,
      flow: 'browser',
      scheme: issuer.scheme,
      subject,
      ...(nameOfEntity.has(subject) ? { subjectName: nameOfEntity.get(subject) } : {}),
      client: issuer.agent,
      claims: c,
    }, request);
  }

  async function verify(request: VerifyRequest): Promise<Verification> {
    const bearer = bearerToken(request?.authorization);
    if (!bearer.ok) return deny(401, bearer.reason);
    const actions = wanted(request);
    if (!Array.isArray(actions)) return actions;
    const { token } = bearer;
    if (token.split('.').length === 3) {
      const peeked = peekJwt(token);
      if (!peeked.ok) return deny(401, peeked.reason);
      const match = jwtIssuers.filter((j) => (j.kind === 'headless' ? j.h.issuer.issuer : j.d.issuer.issuer) === peeked.iss);
      if (match.length === 0) return deny(401, `server ${claims.server} accepts no tokens of issuer ${describeValue(peeked.iss)}`);
      let last: Verification | undefined;
      for (const j of match) {
        last = j.kind === 'headless' ? await verifyHeadless(j.h, token, peeked.alg, actions, request) : await verifyDelegated(j.d, token, peeked.alg, actions, request);
        if (last.allowed || last.status === 403) return last;
      }
      return last!;
    }
    if (browser.length === 0) return deny(401, `server ${claims.server} accepts only signed tokens (JWT), and this is not one`);
    return verifyBrowser(token, actions, request);
  }

  return {
    server: claims.server,
    claims,
    async verify(request: VerifyRequest): Promise<Verification> {
      try {
        return await verify(request);
      } catch {
        // Nothing above should throw; if something does, the request is refused, not the server.
        return deny(401, 'the credentials could not be checked');
      }
    },
  };
}
