/**
 * Normalization of `agents.<a>.registry` and `resourceServers` (valid input only, see
 * normalize.ts): defaults applied, lists sorted, PEM keys re-encoded in one canonical form, and
 * each exception to a secure default paired with its reason.
 */
import { createPublicKey } from 'node:crypto';
import { parseDuration } from './duration';
import type {
  AuthorizationDetailsRequirement,
  NormalizedKeySource,
  NormalizedRegistration,
  NormalizedResourceServer,
} from './normalized-registry';
import { DEFAULT_CLOCK_SKEW_SECONDS, DEFAULT_JWT_ALGORITHMS, DEFAULT_USER_CLAIM, JWT_ALGORITHMS } from '../vault/jwt';
import type { RegistrySpec, ResourceServerSpec } from './schema-registry';
import { compareStrings, uniqueSorted } from '../vault/order';

function requirement(optional: boolean | undefined, reason: string | undefined): AuthorizationDetailsRequirement {
  // Validation guarantees a reason whenever RAR is optional.
  return optional === true ? { kind: 'optional', reason: (reason as string).trim() } : { kind: 'required' };
}

export function normalizeRegistration(spec: RegistrySpec): NormalizedRegistration {
  return {
    ...(spec.owner !== undefined ? { owner: spec.owner } : {}),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    ceiling:
      spec.ceiling === undefined
        ? { kind: 'derived' }
        : { kind: 'explicit', policies: uniqueSorted(spec.ceiling), reason: (spec.reason as string).trim() },
    authorizationDetails: requirement(spec.optionalAuthorizationDetails, spec.reason),
    ...(spec.subjects !== undefined && Object.keys(spec.subjects).length > 0
      ? {
          subjects: Object.entries(spec.subjects)
            .sort(([a], [b]) => compareStrings(a, b))
            .map(([resourceServer, subject]) => ({ resourceServer, subject })),
        }
      : {}),
  };
}

/**
 * SPKI PEM as Node's crypto writes it: 64-character lines, one trailing newline, `PUBLIC KEY`
 * even for an input in PKCS#1 (`RSA PUBLIC KEY`) form. Equal keys give equal text, so CRLF line
 * ends or a missing final newline in the topology cannot change the synthesized output.
 */
export function canonicalPublicKeyPem(pem: string): string {
  return createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
}

function keySource(spec: ResourceServerSpec): NormalizedKeySource {
  if (spec.jwksUri !== undefined) return { kind: 'jwks', uri: spec.jwksUri };
  return {
    kind: 'public-keys',
    keys: (spec.publicKeys ?? [])
      .map((key) => ({ keyId: key.keyId, pem: canonicalPublicKeyPem(key.pem) }))
      .sort((a, b) => compareStrings(a.keyId, b.keyId)),
  };
}

export function normalizeResourceServer(name: string, spec: ResourceServerSpec): NormalizedResourceServer {
  const algorithms = new Set(spec.algorithms ?? DEFAULT_JWT_ALGORITHMS);
  return {
    name,
    issuer: spec.issuer,
    keySource: keySource(spec),
    audiences: uniqueSorted(spec.audiences),
    algorithms: JWT_ALGORITHMS.filter((a) => algorithms.has(a)),
    clockSkewLeewaySeconds: spec.clockSkewLeeway === undefined ? DEFAULT_CLOCK_SKEW_SECONDS : (parseDuration(spec.clockSkewLeeway) as number),
    userClaim: spec.userClaim ?? DEFAULT_USER_CLAIM,
    jwtType: spec.jwtType ?? 'access_token',
    authorizationDetails: requirement(spec.optionalAuthorizationDetails, spec.reason),
    ...(spec.entityAliases !== undefined
      ? {
          entityAliases:
            spec.entityAliases.mountAccessor !== undefined
              ? { kind: 'accessor' as const, accessor: spec.entityAliases.mountAccessor }
              : { kind: 'mount' as const, mount: spec.entityAliases.mount as string },
        }
      : {}),
  };
}

/** Sorted by name; undefined when the topology declares none (see NormalizedTopology). */
export function normalizeResourceServers(
  servers: Readonly<Record<string, ResourceServerSpec>> | undefined,
): { readonly resourceServers?: readonly NormalizedResourceServer[] } {
  const entries = Object.entries(servers ?? {}).sort(([a], [b]) => compareStrings(a, b));
  return entries.length === 0 ? {} : { resourceServers: entries.map(([name, spec]) => normalizeResourceServer(name, spec)) };
}
