/**
 * Rules for the agent registry and OAuth resource servers (scenario 5) that the shape-only schema
 * cannot express: a registered agent has an identity entity (so a login), every exception to a
 * secure default (optional RAR, an explicit ceiling) carries a reason, a resource server names
 * exactly one key source, trusts only https, and its pinned keys are public keys its algorithms
 * can verify.
 */
import { formatDuration, parseDuration } from './duration';
import type { DraftIssue, IssuePath } from './path';
import { algorithmsForKey, describeKeyKind, inspectPublicKeyPem, type PublicKeyKind } from './public-keys';
import { asList, asMap, asString, entriesOf, get, has, type RawMap } from './raw';
import { mountsOfTypes, type ResolveContext, type TopologyIndex } from './topology-index';
import { DEFAULT_JWT_ALGORITHMS, JWT_ALGORITHMS, MAX_CLOCK_SKEW_SECONDS, MAX_JWT_ALGORITHMS, type JwtAlgorithm } from '../vault/jwt';
import { checkIssuerUrl, checkJwksUri } from './urls';

/** Present and not an empty list (as in validate-agents.ts). */
function declared(map: RawMap | undefined, field: string): boolean {
  const value = get(map, field);
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}

/** Each string listed once; the second and later occurrences are reported. */
function duplicates(list: readonly unknown[], at: IssuePath, what: string): DraftIssue[] {
  const first = new Map<string, number>();
  const issues: DraftIssue[] = [];
  list.forEach((value, i) => {
    if (typeof value !== 'string') return;
    const seen = first.get(value);
    if (seen === undefined) first.set(value, i);
    else issues.push({ path: [...at, i], anchor: 'value', message: `${what} "${value}" is listed twice (also [${seen}])`, fix: 'list it once' });
  });
  return issues;
}

/**
 * `reason` is required exactly when something departs from a secure default, and a reason that
 * explains nothing is refused too: a reader would look for the exception it excuses.
 */
function checkReason(
  owner: RawMap,
  at: IssuePath,
  exceptions: readonly string[],
  fixes: { readonly missing: string; readonly stray: string },
  /** Part of the owner failed the schema (e.g. a misspelled "ceilings"): a reason may be meant for it. */
  unclear = false,
): DraftIssue[] {
  const hasReason = has(owner, 'reason');
  if (exceptions.length > 0 && !hasReason) {
    return [{ path: [...at, 'reason'], anchor: 'parent', missing: true, message: `is required: ${exceptions.join(' and ')}`, fix: fixes.missing }];
  }
  if (exceptions.length === 0 && hasReason && !unclear) {
    return [{ path: [...at, 'reason'], anchor: 'key', message: 'explains nothing: every setting here is the secure default', fix: fixes.stray }];
  }
  return [];
}

function checkRegistration(name: string, agent: RawMap, registry: RawMap, index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const at: IssuePath = ['agents', name, 'registry'];
  const issues: DraftIssue[] = [];
  // Client agents already get "login is required" from validate-agents.ts; say it once.
  const loginAlreadyRequired = declared(agent, 'calls') || has(agent, 'oidc');
  if (!has(agent, 'login') && !loginAlreadyRequired) {
    const mounts = mountsOfTypes(index, ['kubernetes', 'jwt', 'approle']).sort();
    issues.push({
      path: ['agents', name, 'login'],
      anchor: 'parent',
      missing: true,
      message: "is required for a registered agent: a registration is tied to the agent's Vault identity entity, which is created from its login",
      fix: mounts.length ? `add "login" with one of the mounts: ${mounts.join(', ')}` : 'add a kubernetes, jwt or approle mount under authMounts and a "login" that uses it',
    });
  }
  const ceiling = asList(get(registry, 'ceiling')) ?? [];
  issues.push(...duplicates(ceiling, [...at, 'ceiling'], 'policy'));
  ceiling.forEach((policy, i) => {
    if (policy !== 'root') return;
    issues.push({
      path: [...at, 'ceiling', i],
      anchor: 'value',
      message: 'a ceiling cannot be the root policy: root allows everything, so it caps nothing',
      fix: 'name the policies that grant exactly the paths this agent needs, or remove "ceiling" to derive it from the agent\'s grants',
    });
  });
  const exceptions: string[] = [];
  if (get(registry, 'optionalAuthorizationDetails') === true) exceptions.push('optionalAuthorizationDetails: true lets this agent skip authorization_details (RAR)');
  if (has(registry, 'ceiling') && !ctx.broken([...at, 'ceiling'])) exceptions.push("an explicit ceiling replaces the one derived from the agent's grants");
  issues.push(
    ...checkReason(
      registry,
      at,
      exceptions,
      {
        missing: 'add "reason": why this agent needs the exception (it is shown in reports), or go back to the default',
        stray: 'remove it, or keep it together with the exception it explains (optionalAuthorizationDetails: true or ceiling)',
      },
      ctx.broken(at),
    ),
  );
  return issues;
}

function checkRegistrations(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  return [...index.agents].flatMap(([name, agent]) => {
    const registry = asMap(get(agent, 'registry'));
    return agent === undefined || registry === undefined ? [] : checkRegistration(name, agent, registry, index, ctx);
  });
}

/** The algorithms a resource server accepts, or undefined when the list failed the schema. */
function acceptedAlgorithms(server: RawMap, at: IssuePath, ctx: ResolveContext): readonly JwtAlgorithm[] | undefined {
  if (ctx.broken([...at, 'algorithms'])) return undefined;
  const listed = asList(get(server, 'algorithms'));
  if (listed === undefined) return DEFAULT_JWT_ALGORITHMS;
  return JWT_ALGORITHMS.filter((a) => listed.includes(a));
}

function checkPublicKeys(server: RawMap, at: IssuePath, ctx: ResolveContext): DraftIssue[] {
  const keys = asList(get(server, 'publicKeys')) ?? [];
  const issues: DraftIssue[] = duplicates(
    keys.map((key) => get(asMap(key), 'keyId')),
    [...at, 'publicKeys'],
    'keyId',
  ).map((issue) => ({ ...issue, path: [...issue.path, 'keyId'], fix: 'give every key its own keyId: Vault picks the key by the token\'s "kid"' }));
  const algorithms = acceptedAlgorithms(server, at, ctx);
  keys.forEach((key, i) => {
    const pem = asString(get(asMap(key), 'pem'));
    if (pem === undefined) return;
    const path = [...at, 'publicKeys', i, 'pem'];
    const inspected = inspectPublicKeyPem(pem);
    if ('problem' in inspected) {
      issues.push({ path, anchor: 'value', ...inspected.problem });
      return;
    }
    issues.push(...keyAlgorithmMismatch(inspected.key, algorithms, server, path));
  });
  return issues;
}

function keyAlgorithmMismatch(key: PublicKeyKind, algorithms: readonly JwtAlgorithm[] | undefined, server: RawMap, path: IssuePath): DraftIssue[] {
  if (algorithms === undefined) return [];
  const usable = algorithmsForKey(key);
  if (algorithms.some((a) => usable.includes(a))) return [];
  const accepted = `${algorithms.join(', ')}${has(server, 'algorithms') ? '' : ' (the default)'}`;
  return [
    {
      path,
      anchor: 'value',
      message: `is ${describeKeyKind(key)}, which none of the accepted algorithms (${accepted}) verify`,
      fix: `add the algorithm the IdP signs with to "algorithms" (${usable.join(' or ')}), or pin the key it actually uses`,
    },
  ];
}

function checkKeySource(server: RawMap, at: IssuePath, ctx: ResolveContext): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const hasUri = has(server, 'jwksUri');
  const hasKeys = has(server, 'publicKeys');
  if (hasUri && hasKeys) {
    issues.push({
      path: [...at, 'publicKeys'],
      anchor: 'key',
      message: 'jwksUri and publicKeys are mutually exclusive',
      fix: 'keep jwksUri (Vault fetches the keys and follows the IdP\'s rotation) or publicKeys (keys pinned here), not both',
    });
  } else if (!hasUri && !hasKeys) {
    issues.push({
      path: [...at, 'jwksUri'],
      anchor: 'parent',
      missing: true,
      message: 'is required (or publicKeys): Vault needs the keys that verify token signatures',
      fix: 'add "jwksUri": the IdP\'s https JWKS URL (from its discovery document), or "publicKeys": [{ keyId, pem }]',
    });
  }
  const uri = asString(get(server, 'jwksUri'));
  const uriProblem = uri === undefined ? undefined : checkJwksUri(uri);
  if (uriProblem) issues.push({ path: [...at, 'jwksUri'], anchor: 'value', ...uriProblem });
  return [...issues, ...checkPublicKeys(server, at, ctx)];
}

function checkAlgorithms(server: RawMap, at: IssuePath): DraftIssue[] {
  const listed = asList(get(server, 'algorithms')) ?? [];
  const issues = duplicates(listed, [...at, 'algorithms'], 'algorithm');
  const distinct = new Set(listed.filter((a) => typeof a === 'string'));
  if (distinct.size > MAX_JWT_ALGORITHMS) {
    issues.push({
      path: [...at, 'algorithms'],
      anchor: 'value',
      message: `lists ${distinct.size} algorithms; at most ${MAX_JWT_ALGORITHMS} are allowed`,
      fix: "list only the algorithms the IdP signs with (its discovery document's id_token_signing_alg_values_supported, usually one): each extra one is attack surface no token uses",
    });
  }
  return issues;
}

function checkClockSkew(server: RawMap, at: IssuePath): DraftIssue[] {
  const value = get(server, 'clockSkewLeeway');
  if (typeof value !== 'number' && typeof value !== 'string') return [];
  const seconds = parseDuration(value);
  const path = [...at, 'clockSkewLeeway'];
  if (seconds === undefined) {
    // Non-integers and bad strings are schema issues; "" matches the (all-optional) pattern.
    return value === '' ? [{ path, anchor: 'value', message: '"" is not a duration', fix: 'use a duration such as "30s"' }] : [];
  }
  if (seconds < 0) return [{ path, anchor: 'value', message: `must not be negative (got ${value})`, fix: 'use 0 to 60 seconds' }];
  if (seconds > MAX_CLOCK_SKEW_SECONDS) {
    return [
      {
        path,
        anchor: 'value',
        message: `${JSON.stringify(value)} is more than the ${formatDuration(MAX_CLOCK_SKEW_SECONDS)} maximum`,
        fix: `use at most ${formatDuration(MAX_CLOCK_SKEW_SECONDS)} and fix the clocks (NTP): a larger leeway keeps expired tokens valid`,
      },
    ];
  }
  return [];
}

function checkResourceServer(name: string, server: RawMap, ctx: ResolveContext): DraftIssue[] {
  const at: IssuePath = ['resourceServers', name];
  const issuer = asString(get(server, 'issuer'));
  const issuerProblem = issuer === undefined ? undefined : checkIssuerUrl(issuer);
  const exceptions = get(server, 'optionalAuthorizationDetails') === true ? ['optionalAuthorizationDetails: true lets every token from this issuer skip authorization_details (RAR)'] : [];
  return [
    ...(issuerProblem ? [{ path: [...at, 'issuer'], anchor: 'value' as const, ...issuerProblem }] : []),
    ...checkKeySource(server, at, ctx),
    ...duplicates(asList(get(server, 'audiences')) ?? [], [...at, 'audiences'], 'audience'),
    ...checkAlgorithms(server, at),
    ...checkClockSkew(server, at),
    ...checkReason(
      server,
      at,
      exceptions,
      {
        missing: 'add "reason": why tokens from this issuer may skip RAR (it is shown in reports), or remove optionalAuthorizationDetails',
        stray: 'remove it, or keep it together with optionalAuthorizationDetails: true',
      },
      ctx.broken(at),
    ),
  ];
}

/** Vault keeps one profile per issuer in a namespace; a second one would fail at apply time. */
function checkIssuersUnique(servers: readonly [string, RawMap | undefined][]): DraftIssue[] {
  const firstByIssuer = new Map<string, string>();
  const issues: DraftIssue[] = [];
  for (const [name, server] of servers) {
    const issuer = asString(get(server, 'issuer'));
    if (issuer === undefined) continue;
    const first = firstByIssuer.get(issuer);
    if (first === undefined) firstByIssuer.set(issuer, name);
    else {
      issues.push({
        path: ['resourceServers', name, 'issuer'],
        anchor: 'value',
        message: `resource server "${first}" already has issuer ${JSON.stringify(issuer)}`,
        fix: 'Vault keeps one profile per issuer: merge the two entries (list every audience in one)',
      });
    }
  }
  return issues;
}

export function checkRegistry(index: TopologyIndex, ctx: ResolveContext): DraftIssue[] {
  const servers = entriesOf(get(index.root, 'resourceServers')).map(([name, spec]): [string, RawMap | undefined] => [name, asMap(spec)]);
  return [
    ...checkRegistrations(index, ctx),
    ...servers.flatMap(([name, server]) => (server === undefined ? [] : checkResourceServer(name, server, ctx))),
    ...checkIssuersUnique(servers),
  ];
}
