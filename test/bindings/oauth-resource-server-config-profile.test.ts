import { TerraformOutput, TerraformVariable, Testing } from 'cdktf';
import * as fc from 'fast-check';
import {
  BindingConfigError,
  OauthResourceServerConfigProfile,
  OauthResourceServerConfigProfileConfig,
  OauthResourceServerConfigProfilePublicKeys,
  VAULT_PROVIDER_FLOOR_CONSTRAINT,
} from '../../lib/constructs/bindings';
import { synthHclParsed, synthJson, vaultStack } from './synth';

const PEM_1 = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1\n-----END PUBLIC KEY-----\n';
const PEM_2 = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE2\n-----END PUBLIC KEY-----\n';
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';

/** Shared by both key-source modes; every optional attribute that is not part of the key source. */
const COMMON: Omit<OauthResourceServerConfigProfileConfig, 'useJwks' | 'jwksUri' | 'publicKeys' | 'jwtType'> = {
  namespace: 'agents',
  profileName: 'corporate-idp',
  issuerId: 'https://idp.example.com',
  audiences: ['https://vault.example.com'],
  noDefaultPolicy: true,
  userClaim: 'sub',
  supportedAlgorithms: ['RS256', 'ES256'],
  clockSkewLeeway: 30,
  enabled: true,
  optionalAuthorizationDetails: false,
};
const COMMON_JSON = {
  namespace: 'agents',
  profile_name: 'corporate-idp',
  issuer_id: 'https://idp.example.com',
  audiences: ['https://vault.example.com'],
  no_default_policy: true,
  user_claim: 'sub',
  supported_algorithms: ['RS256', 'ES256'],
  clock_skew_leeway: 30,
  enabled: true,
  optional_authorization_details: false,
};

function jwksProfile() {
  const { stack } = vaultStack();
  const profile = new OauthResourceServerConfigProfile(stack, 'profile', {
    ...COMMON,
    useJwks: true,
    jwksUri: 'https://idp.example.com/.well-known/jwks.json',
    jwksCaPem: CA_PEM,
    jwtType: 'access_token',
  });
  return { stack, profile };
}
const JWKS_JSON = {
  ...COMMON_JSON,
  use_jwks: true,
  jwks_uri: 'https://idp.example.com/.well-known/jwks.json',
  jwks_ca_pem: CA_PEM,
  jwt_type: 'access_token',
};

function staticKeysProfile() {
  const { stack } = vaultStack();
  const profile = new OauthResourceServerConfigProfile(stack, 'profile', {
    ...COMMON,
    useJwks: false,
    publicKeys: [
      { keyId: 'key-1', pem: PEM_1 },
      { keyId: 'key-2', pem: PEM_2 },
    ],
    jwtType: 'transaction_token',
  });
  return { stack, profile };
}
const STATIC_KEYS_JSON = {
  ...COMMON_JSON,
  use_jwks: false,
  public_keys: [
    { key_id: 'key-1', pem: PEM_1 },
    { key_id: 'key-2', pem: PEM_2 },
  ],
  jwt_type: 'transaction_token',
};

/**
 * cdktf 0.21's HCL renderer writes a multi-line string as `<<EOF\n${value}\nEOF`, and a heredoc's
 * value ends with the newline before `EOF`: every multi-line string (PEMs here) gains one trailing
 * newline in `synth --hcl` output. The JSON output is exact. Pinned here so a fix shows up.
 */
const withHeredocNewline = (pem: string) => `${pem}\n`;

describe('OauthResourceServerConfigProfile synthesis', () => {
  test('JWKS mode: every attribute under its snake_case name', () => {
    const { stack } = jwksProfile();
    expect(synthJson(stack).resource.vault_oauth_resource_server_config_profile).toStrictEqual({ profile: JWKS_JSON });
    expect(OauthResourceServerConfigProfile.tfResourceType).toBe('vault_oauth_resource_server_config_profile');
  });

  test('static-key mode: public_keys is a list of objects', () => {
    const { stack } = staticKeysProfile();
    expect(synthJson(stack).resource.vault_oauth_resource_server_config_profile).toStrictEqual({ profile: STATIC_KEYS_JSON });
  });

  test('HCL synth: public_keys become repeated nested blocks, parsing back to the JSON', async () => {
    const { stack } = staticKeysProfile();
    const { hcl, parsed } = await synthHclParsed(stack);
    expect(hcl.match(/^public_keys \{$/gm)).toHaveLength(2);
    expect(hcl).not.toContain('public_keys = ');
    expect(parsed.resource.vault_oauth_resource_server_config_profile).toStrictEqual({
      profile: [
        {
          ...STATIC_KEYS_JSON,
          public_keys: STATIC_KEYS_JSON.public_keys.map((k) => ({ key_id: k.key_id, pem: withHeredocNewline(k.pem) })),
        },
      ],
    });
    expect(parsed.terraform[0].required_providers[0].vault.version).toBe(VAULT_PROVIDER_FLOOR_CONSTRAINT);
  });

  test('HCL synth of JWKS mode parses back to the JSON', async () => {
    const { stack } = jwksProfile();
    const { parsed } = await synthHclParsed(stack);
    expect(parsed.resource.vault_oauth_resource_server_config_profile).toStrictEqual({
      profile: [{ ...JWKS_JSON, jwks_ca_pem: withHeredocNewline(CA_PEM) }],
    });
  });

  test('computed attributes and nested block fields are references to the resource', () => {
    const { stack, profile } = staticKeysProfile();
    new TerraformOutput(stack, 'id', { value: profile.id });
    new TerraformOutput(stack, 'config_id', { value: profile.configId });
    new TerraformOutput(stack, 'second_kid', { value: profile.publicKeys.get(1).keyId });
    new TerraformOutput(stack, 'algorithms', { value: profile.supportedAlgorithms });
    new TerraformOutput(stack, 'user_claim', { value: profile.userClaim });
    expect(synthJson(stack).output).toStrictEqual({
      id: { value: '${vault_oauth_resource_server_config_profile.profile.id}' },
      config_id: { value: '${vault_oauth_resource_server_config_profile.profile.config_id}' },
      second_kid: { value: '${vault_oauth_resource_server_config_profile.profile.public_keys[1].key_id}' },
      algorithms: { value: '${vault_oauth_resource_server_config_profile.profile.supported_algorithms}' },
      user_claim: { value: '${vault_oauth_resource_server_config_profile.profile.user_claim}' },
    });
  });

  test('putPublicKeys, reset methods and *Input getters', () => {
    const { stack, profile } = staticKeysProfile();
    profile.putPublicKeys([{ keyId: 'key-3', pem: PEM_1 }]);
    profile.resetAudiences();
    profile.resetSupportedAlgorithms();
    profile.clockSkewLeeway = 5;
    expect(profile.publicKeysInput).toStrictEqual([{ keyId: 'key-3', pem: PEM_1 }]);
    expect(profile.audiencesInput).toBeUndefined();
    const attributes = synthJson(stack).resource.vault_oauth_resource_server_config_profile.profile;
    expect(attributes.public_keys).toStrictEqual([{ key_id: 'key-3', pem: PEM_1 }]);
    expect(attributes.clock_skew_leeway).toBe(5);
    expect(attributes).not.toHaveProperty('audiences');
    expect(attributes).not.toHaveProperty('supported_algorithms');
  });

  test('only required attributes plus jwks_uri: Vault defaults apply (use_jwks true, RAR mandatory)', () => {
    const { stack } = vaultStack();
    new OauthResourceServerConfigProfile(stack, 'profile', { profileName: 'p', issuerId: 'https://idp', jwksUri: 'https://idp/jwks' });
    expect(synthJson(stack).resource.vault_oauth_resource_server_config_profile.profile).toStrictEqual({
      profile_name: 'p',
      issuer_id: 'https://idp',
      jwks_uri: 'https://idp/jwks',
    });
  });

  test('generateConfigForImport writes an import block and raises the provider floor', () => {
    const { stack } = vaultStack();
    OauthResourceServerConfigProfile.generateConfigForImport(stack, 'imported', 'corporate-idp');
    const json = synthJson(stack);
    expect(json.import).toStrictEqual([{ to: 'vault_oauth_resource_server_config_profile.imported', id: 'corporate-idp' }]);
    expect(json.terraform.required_providers.vault.version).toBe(VAULT_PROVIDER_FLOOR_CONSTRAINT);
  });
});

describe('OauthResourceServerConfigProfile key-source validation', () => {
  const base = { profileName: 'p', issuerId: 'https://idp' };
  const key = (keyId: string): OauthResourceServerConfigProfilePublicKeys => ({ keyId, pem: PEM_1 });

  function problemsOf(config: Partial<OauthResourceServerConfigProfileConfig>): readonly string[] {
    const { stack } = vaultStack();
    try {
      new OauthResourceServerConfigProfile(stack, 'profile', { ...base, ...config });
    } catch (err) {
      expect(err).toBeInstanceOf(BindingConfigError);
      expect(stack.node.tryFindChild('profile')).toBeUndefined();
      return (err as BindingConfigError).problems;
    }
    return [];
  }

  test('use_jwks defaulting to true without jwks_uri', () => {
    expect(problemsOf({})).toStrictEqual([
      "use_jwks is true (the default), so jwks_uri is required: set jwksUri to the issuer's JWKS URL, or set useJwks: false and list the keys in publicKeys.",
    ]);
  });

  test('use_jwks true with public_keys and no jwks_uri reports both problems at once', () => {
    expect(problemsOf({ useJwks: true, publicKeys: [key('k')] })).toStrictEqual([
      "use_jwks is true, so jwks_uri is required: set jwksUri to the issuer's JWKS URL, or set useJwks: false and list the keys in publicKeys.",
      'use_jwks is true, so public_keys is forbidden: remove publicKeys, or set useJwks: false and drop jwksUri.',
    ]);
  });

  test('use_jwks false requires public_keys and forbids jwks_uri', () => {
    expect(problemsOf({ useJwks: false, jwksUri: 'https://idp/jwks', publicKeys: [] })).toStrictEqual([
      'use_jwks is false, so at least one public_keys block is required: add publicKeys: [{ keyId, pem }], or set useJwks: true and give jwksUri.',
      'use_jwks is false, so jwks_uri is forbidden: remove jwksUri, or set useJwks: true and drop publicKeys.',
    ]);
  });

  test('duplicate key ids', () => {
    expect(problemsOf({ useJwks: false, publicKeys: [key('a'), key('b'), key('a')] })).toStrictEqual([
      'public_keys[2].key_id "a" repeats public_keys[0].key_id: key ids must be unique within a profile; give each key its own keyId.',
    ]);
  });

  test('the error message names the resource type and construct path', () => {
    const { stack } = vaultStack();
    expect(() => new OauthResourceServerConfigProfile(stack, 'idp', { ...base, useJwks: false })).toThrow(
      'vault_oauth_resource_server_config_profile "a2a/idp" is invalid:\n  - use_jwks is false, so at least one public_keys block is required',
    );
  });

  test('values known only at apply time are not judged', () => {
    const { stack } = vaultStack();
    const useJwks = new TerraformVariable(stack, 'use_jwks', { type: 'bool' });
    const uri = new TerraformVariable(stack, 'jwks_uri', { type: 'string' });
    expect(() => new OauthResourceServerConfigProfile(stack, 'a', { ...base, useJwks: useJwks.booleanValue, publicKeys: [key('k')] })).not.toThrow();
    expect(() => new OauthResourceServerConfigProfile(stack, 'b', { ...base, jwksUri: uri.stringValue })).not.toThrow();
  });

  test('a key source broken after construction fails synth-time validation', () => {
    const { stack, profile } = jwksProfile();
    profile.useJwks = false;
    expect(() => Testing.synth(stack, true)).toThrow(
      /\[a2a\/profile\] use_jwks is false, so at least one public_keys block is required[\s\S]*\[a2a\/profile\] use_jwks is false, so jwks_uri is forbidden/,
    );
  });

  test('property: the constructor accepts exactly the configurations the provider accepts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<boolean | undefined>(undefined, true, false),
        fc.constantFrom<string | undefined>(undefined, '', 'https://idp/jwks'),
        fc.integer({ min: 0, max: 3 }),
        (useJwks, jwksUri, keyCount) => {
          const publicKeys = Array.from({ length: keyCount }, (_, i) => key(`k${i}`));
          const hasUri = jwksUri !== undefined && jwksUri !== '';
          const expectedProblemCount =
            useJwks === false ? Number(keyCount === 0) + Number(hasUri) : Number(!hasUri) + Number(keyCount > 0);
          const problems = problemsOf({ useJwks, jwksUri, publicKeys: keyCount === 0 ? undefined : publicKeys });
          expect(problems).toHaveLength(expectedProblemCount);
        },
      ),
      { numRuns: 60 },
    );
  });
});
