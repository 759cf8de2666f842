/** The registry L2s on their own: what they synthesize, and every unsafe input they refuse. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateKeyPairSync } from 'crypto';
import { App, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import {
  AgentRegistryRecord,
  AuthorizationDetailsFile,
  CeilingPolicy,
  IdentityEntity,
  InvalidPropsError,
  ResourceServerProfile,
  type ResourceServerProfileProps,
} from '../../lib/constructs';
import { EC_P256, EC_P384, RSA_2048 } from '../support/registry-keys';
import { onlyResource, synthStack } from '../support/synth';

function problems(build: (scope: Construct) => void): string {
  try {
    synthStack(build);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidPropsError);
    return (err as Error).message;
  }
  throw new Error('expected the construct to refuse its props');
}

const PROFILE: ResourceServerProfileProps = {
  name: 'idp',
  issuer: 'https://idp.example.com/oauth2',
  keySource: { kind: 'jwks', uri: 'https://idp.example.com/oauth2/keys' },
  audiences: ['vault'],
  algorithms: ['ES256'],
};

describe('CeilingPolicy', () => {
  test('renders exact stanzas under a header naming the agent', () => {
    const json = synthStack((s) => new CeilingPolicy(s, 'c', { name: 'a2a-ceiling-x', agent: 'x', rules: [{ path: 'secret/data/x', capabilities: ['read', 'list'], reason: 'reads its config' }] }));
    expect(onlyResource(json, 'vault_policy')).toStrictEqual({
      name: 'a2a-ceiling-x',
      policy: '# Agent registry ceiling of "x": exactly its grants, nothing more.\n\n# reads its config\npath "secret/data/x" {\n  capabilities = ["list", "read"]\n}\n',
    });
  });

  test('refuses wildcards, sudo, built-in names and a malformed agent name, all at once', () => {
    const message = problems(
      (s) =>
        new CeilingPolicy(s, 'c', {
          name: 'default',
          agent: 'bad name',
          rules: [
            { path: 'secret/*', capabilities: ['read'], reason: 'r' },
            { path: 'sys/mounts', capabilities: ['sudo'], reason: 'r' },
          ],
        }),
    );
    expect(message).toContain('name "default" is a built-in Vault object');
    expect(message).toContain('agent "bad name" is not a valid Vault name');
    expect(message).toContain('rules[0].path "secret/*" is a wildcard');
    expect(message).toContain('rules[1] grants sudo on "sys/mounts"; a ceiling never allows sudo');
  });
});

describe('ResourceServerProfile', () => {
  test('defaults: sub, access_token, no skew; every secure setting written out', () => {
    const json = synthStack((s) => new ResourceServerProfile(s, 'p', PROFILE));
    expect(onlyResource(json, 'vault_oauth_resource_server_config_profile')).toStrictEqual({
      profile_name: 'idp',
      issuer_id: 'https://idp.example.com/oauth2',
      use_jwks: true,
      jwks_uri: 'https://idp.example.com/oauth2/keys',
      audiences: ['vault'],
      supported_algorithms: ['ES256'],
      clock_skew_leeway: 0,
      user_claim: 'sub',
      jwt_type: 'access_token',
      enabled: true,
      no_default_policy: true,
      optional_authorization_details: false,
    });
    expect(json.terraform?.required_providers).toEqual({ vault: { version: '>= 5.10.1, < 6.0.0' } });
  });

  test('refuses every insecure setting at once', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const message = problems(
      (s) =>
        new ResourceServerProfile(s, 'p', {
          ...PROFILE,
          issuer: 'http://idp.example.com',
          keySource: {
            kind: 'public-keys',
            keys: [
              { keyId: 'a', pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
              { keyId: 'b', pem: EC_P384 },
              { keyId: 'b', pem: RSA_2048 },
            ],
          },
          audiences: ['*'],
          algorithms: ['ES256', 'ES384', 'PS256', 'RS256'],
          clockSkewLeewaySeconds: 61,
          optionalAuthorizationDetails: { reason: ' ' },
        }),
    );
    for (const expected of [
      'issuer must use https',
      'keySource.keys[].keyId lists "b" twice',
      'keySource.keys[0].pem is a PRIVATE key',
      'audiences[0] "*" contains "*"',
      'algorithms lists 4; at most 3',
      'clockSkewLeewaySeconds is 61',
      'optionalAuthorizationDetails.reason must say why',
    ]) {
      expect(message).toContain(expected);
    }
    expect(message).not.toContain(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().split('\n')[1]);
  });

  test('refuses empty audiences and algorithms, and a pinned key no algorithm verifies', () => {
    const message = problems((s) => new ResourceServerProfile(s, 'p', { ...PROFILE, audiences: [], algorithms: [] }));
    expect(message).toContain('audiences is empty');
    expect(message).toContain('algorithms is empty');
    const mismatch = problems((s) => new ResourceServerProfile(s, 'p', { ...PROFILE, keySource: { kind: 'public-keys', keys: [{ keyId: 'k', pem: EC_P384 }] } }));
    expect(mismatch).toContain('keySource.keys[0].pem is an EC P-384 key, which none of the algorithms (ES256) verify');
  });

  test('accepts pinned keys the algorithms verify', () => {
    const json = synthStack((s) => new ResourceServerProfile(s, 'p', { ...PROFILE, keySource: { kind: 'public-keys', keys: [{ keyId: 'k', pem: EC_P256 }] } }));
    expect(onlyResource(json, 'vault_oauth_resource_server_config_profile').public_keys).toEqual([{ key_id: 'k', pem: EC_P256 }]);
  });
});

describe('AgentRegistryRecord', () => {
  test('references the entity and ceiling; never Vault default ceiling; RAR mandatory', () => {
    const json = synthStack((s) => {
      const entity = new IdentityEntity(s, 'e', { name: 'x' });
      const ceiling = new CeilingPolicy(s, 'c', { name: 'a2a-ceiling-x', agent: 'x', rules: [] });
      new AgentRegistryRecord(s, 'r', { displayName: 'x', entity, ceiling: [ceiling] });
    });
    const record = onlyResource(json, 'vault_agent_registration');
    expect(record).toStrictEqual({
      display_name: 'x',
      entity_id: expect.stringMatching(/^\$\{vault_identity_entity\.[^.]+\.id\}$/),
      ceiling_policies: [expect.stringMatching(/^\$\{vault_policy\.[^.]+\.name\}$/)],
      no_default_ceiling_policy: true,
      optional_authorization_details: false,
    });
  });

  test('refuses an empty ceiling, root, duplicates, templates in text and an empty reason, all at once', () => {
    const message = problems((s) => new AgentRegistryRecord(s, 'r', { displayName: 'x', entity: 'id-1', ceiling: [], owner: 'team-${x}', description: 'two\nlines', optionalAuthorizationDetails: { reason: '' } }));
    expect(message).toContain('ceiling is empty');
    expect(message).toContain('owner contains "${" or "%{"');
    expect(message).toContain('description must be one line');
    expect(message).toContain('optionalAuthorizationDetails.reason must say why');
    const root = problems((s) => new AgentRegistryRecord(s, 'r', { displayName: 'x', entity: 'id-1', ceiling: ['root', 'ops', 'ops'] }));
    expect(root).toContain('ceiling[0] is "root"');
    expect(root).toContain('ceiling lists "ops" twice');
  });
});

describe('AuthorizationDetailsFile', () => {
  test('writes its text next to cdk.tf.json on synth and adds no Terraform configuration', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-file-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'files');
      new AuthorizationDetailsFile(stack, 'f', { fileName: 'notes.json', text: '{"a":1}\n' });
      expect(JSON.parse(Testing.synth(stack))).toEqual({});
      app.synth();
      expect(fs.readdirSync(path.join(outdir, 'stacks', 'files')).sort()).toEqual(['cdk.tf.json', 'notes.json']);
      expect(fs.readFileSync(path.join(outdir, 'stacks', 'files', 'notes.json'), 'utf8')).toBe('{"a":1}\n');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('refuses paths and the stack file name', () => {
    for (const fileName of ['../x.json', 'dir/x.json', 'cdk.tf.json', '']) {
      expect(problems((s) => new AuthorizationDetailsFile(s, 'f', { fileName, text: '' }))).toContain('must be a plain file name');
    }
  });
});
