/**
 * The Vault Enterprise agent-registry part of the stack model: resource-server profiles and the
 * vault provider constraint (both new resources need provider >= 5.10.1). Registrations are read
 * in model-build.ts with the other identity objects.
 */
import { sha256Hex } from '../vault/digest';
import { isObject } from './json';
import type { ResourceServerProfile } from './model';
import { blocksOfType, SynthesizedStack } from './stack';
import { bool, list, str, stringList } from './values';

export function readResourceServerProfiles(stack: SynthesizedStack): ResourceServerProfile[] {
  return blocksOfType(stack, 'vault_oauth_resource_server_config_profile').map((b): ResourceServerProfile => {
    const c = b.resolved;
    const jwksUri = str(c, 'jwks_uri');
    const audiences = stringList(c, 'audiences');
    const algorithms = c.supported_algorithms === undefined || c.supported_algorithms === null ? undefined : stringList(c, 'supported_algorithms').values;
    const skew = str(c, 'clock_skew_leeway');
    const keys = list(c, 'public_keys');
    return {
      address: b.address,
      name: str(c, 'profile_name') ?? `<${b.address}.profile_name>`,
      issuer: str(c, 'issuer_id') ?? `<${b.address}.issuer_id>`,
      useJwks: bool(c, 'use_jwks') ?? true,
      ...(jwksUri !== undefined ? { jwksUri } : {}),
      jwksUriComputed: c.jwks_uri !== undefined && jwksUri === undefined,
      publicKeyCount: keys.kind === 'known' ? keys.items.length : 0,
      audiences: audiences.values,
      audiencesComputed: audiences.computed.length > 0,
      ...(algorithms !== undefined ? { supportedAlgorithms: algorithms } : {}),
      ...(c.clock_skew_leeway === undefined ? { clockSkewLeeway: 0 } : skew !== undefined && /^\d+$/.test(skew) ? { clockSkewLeeway: Number(skew) } : {}),
      enabled: bool(c, 'enabled') ?? true,
      optionalAuthorizationDetails: bool(c, 'optional_authorization_details') ?? false,
      ...(str(c, 'user_claim') !== undefined ? { userClaim: str(c, 'user_claim')! } : {}),
      ...(str(c, 'jwt_type') !== undefined ? { jwtType: str(c, 'jwt_type')! } : {}),
      ...(bool(c, 'no_default_policy') !== undefined ? { noDefaultPolicy: bool(c, 'no_default_policy')! } : {}),
      ...(keys.kind === 'known' && keys.items.length > 0 ? { publicKeys: keys.items.map(publicKeyText).sort() } : {}),
      ...(str(c, 'jwks_ca_pem') !== undefined ? { jwksCaPem: str(c, 'jwks_ca_pem')! } : {}),
    };
  });
}

/** A trusted public key, by key id and a digest of its PEM (the PEM is long and says nothing to a reader). */
export function publicKeyDigest(keyId: string, pem: string): string {
  return `${keyId}#${sha256Hex(pem.replace(/\s+/g, '')).slice(0, 12)}`;
}

function publicKeyText(item: unknown): string {
  const k = isObject(item) ? item : {};
  return publicKeyDigest(typeof k.key_id === 'string' ? k.key_id : '?', typeof k.pem === 'string' ? k.pem : JSON.stringify(item));
}

/** `terraform.required_providers.vault` is `{ source, version }` (or, in old configurations, the version string). */
export function readVaultProviderConstraint(stack: SynthesizedStack): { vaultProviderConstraint?: string } {
  // Terraform JSON allows a block to be written as an object or as a list of objects.
  const first = (value: unknown, key: string): unknown => {
    const blocks = Array.isArray(value) ? value : [value];
    return blocks.map((b) => (isObject(b) ? b[key] : undefined)).find((v) => v !== undefined);
  };
  const vault = first(first(stack.document.terraform, 'required_providers'), 'vault');
  const version = typeof vault === 'string' ? vault : isObject(vault) ? vault.version : undefined;
  return typeof version === 'string' ? { vaultProviderConstraint: version } : {};
}

/**
 * The namespace of the stack's (default, unaliased) vault provider: part of every OIDC issuer URL
 * (research notes B1). Undefined when unset or not a literal.
 */
export function readVaultNamespace(stack: SynthesizedStack): { vaultNamespace?: string } {
  const providers = isObject(stack.document.provider) ? stack.document.provider.vault : undefined;
  const blocks = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
  const main = blocks.find((b) => isObject(b) && b.alias === undefined);
  const ns = isObject(main) ? main.namespace : undefined;
  return typeof ns === 'string' && !ns.includes('${') && ns.trim() !== '' ? { vaultNamespace: ns.replace(/^\/+|\/+$/g, '') } : {};
}
