import { IResolvable, Token, Tokenization } from 'cdktf';
import { OauthResourceServerConfigProfilePublicKeys } from './generated/oauth-resource-server-config-profile';

/** The three attributes that decide where a resource-server profile gets its verification keys. */
export interface KeySourceInput {
  readonly useJwks?: boolean | IResolvable;
  readonly jwksUri?: string;
  readonly publicKeys?: readonly OauthResourceServerConfigProfilePublicKeys[] | IResolvable;
}

/**
 * The provider's rule for `vault_oauth_resource_server_config_profile`: `use_jwks` true (the
 * default) needs `jwks_uri` and forbids `public_keys`; false needs `public_keys` and forbids
 * `jwks_uri`. Key ids must be unique within the profile. Returns every violation (empty when
 * valid). Values only known at apply time (tokens) are not judged: a tokenized `use_jwks` skips
 * the check, a tokenized `jwks_uri` or `public_keys` counts as set.
 */
export function keySourceProblems(input: KeySourceInput): string[] {
  const { useJwks, jwksUri, publicKeys } = input;
  if (Tokenization.isResolvable(useJwks)) return [];

  const hasUri = jwksUri !== undefined && jwksUri !== '';
  const keysAreToken = Tokenization.isResolvable(publicKeys);
  const keys = Array.isArray(publicKeys) ? (publicKeys as readonly OauthResourceServerConfigProfilePublicKeys[]) : [];
  const hasKeys = keysAreToken || keys.length > 0;
  const problems: string[] = [];

  if (useJwks === false) {
    if (!hasKeys) {
      problems.push('use_jwks is false, so at least one public_keys block is required: add publicKeys: [{ keyId, pem }], or set useJwks: true and give jwksUri.');
    }
    if (hasUri) {
      problems.push('use_jwks is false, so jwks_uri is forbidden: remove jwksUri, or set useJwks: true and drop publicKeys.');
    }
  } else {
    const mode = useJwks === undefined ? 'use_jwks is true (the default)' : 'use_jwks is true';
    if (!hasUri) {
      problems.push(`${mode}, so jwks_uri is required: set jwksUri to the issuer's JWKS URL, or set useJwks: false and list the keys in publicKeys.`);
    }
    // A token might resolve to an empty list, so only a concrete non-empty list is an error here.
    if (keys.length > 0) {
      problems.push(`${mode}, so public_keys is forbidden: remove publicKeys, or set useJwks: false and drop jwksUri.`);
    }
  }

  const firstIndexOfKeyId = new Map<string, number>();
  keys.forEach((key, index) => {
    if (Tokenization.isResolvable(key) || Token.isUnresolved(key.keyId)) return;
    const first = firstIndexOfKeyId.get(key.keyId);
    if (first === undefined) {
      firstIndexOfKeyId.set(key.keyId, index);
    } else {
      problems.push(`public_keys[${index}].key_id "${key.keyId}" repeats public_keys[${first}].key_id: key ids must be unique within a profile; give each key its own keyId.`);
    }
  });
  return problems;
}
