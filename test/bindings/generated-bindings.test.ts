import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const SCHEMA_FILE = path.join(ROOT, 'lib', 'constructs', 'bindings', 'vault-provider-schema.json');

type Kind = 'required' | 'optional' | 'optional+computed' | 'computed';

/** The attribute tables of /work/shared/vault-facts.md (provider 5.10.1+), kinds as the schema declares them. */
const FACTS: Record<string, Record<string, Kind>> = {
  vault_agent_registration: {
    namespace: 'optional',
    display_name: 'required',
    entity_id: 'required',
    ceiling_policies: 'optional+computed',
    no_default_ceiling_policy: 'optional+computed',
    description: 'optional',
    owner: 'optional',
    optional_authorization_details: 'optional+computed',
    id: 'computed',
    creation_time: 'computed',
    last_updated_time: 'computed',
  },
  vault_oauth_resource_server_config_profile: {
    namespace: 'optional',
    profile_name: 'required',
    issuer_id: 'required',
    use_jwks: 'optional+computed',
    jwks_uri: 'optional',
    jwks_ca_pem: 'optional',
    audiences: 'optional',
    no_default_policy: 'optional+computed',
    user_claim: 'optional+computed',
    supported_algorithms: 'optional+computed',
    jwt_type: 'optional+computed',
    clock_skew_leeway: 'optional+computed',
    enabled: 'optional+computed',
    optional_authorization_details: 'optional+computed',
    id: 'computed',
    config_id: 'computed',
  },
};

const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
const resources = schema.provider_schemas['registry.terraform.io/hashicorp/vault'].resource_schemas;

function kindOf(attribute: { required?: boolean; optional?: boolean; computed?: boolean }): Kind {
  if (attribute.required) return 'required';
  if (attribute.optional) return attribute.computed ? 'optional+computed' : 'optional';
  return 'computed';
}

describe('hand-written provider schema', () => {
  test('is pinned to provider 5.10.1', () => {
    expect(schema.provider_versions).toStrictEqual({ 'registry.terraform.io/hashicorp/vault': '5.10.1' });
  });

  test.each(Object.keys(FACTS))('%s has exactly the attributes of the facts table', (type) => {
    const attributes = resources[type].block.attributes as Record<string, { required?: boolean; optional?: boolean; computed?: boolean }>;
    const kinds = Object.fromEntries(Object.entries(attributes).map(([name, attribute]) => [name, kindOf(attribute)]));
    expect(kinds).toStrictEqual(FACTS[type]);
  });

  test('public_keys is a nested list block of required key_id and pem', () => {
    const blocks = resources.vault_oauth_resource_server_config_profile.block.block_types;
    expect(Object.keys(blocks)).toStrictEqual(['public_keys']);
    expect(blocks.public_keys.nesting_mode).toBe('list');
    const fields = blocks.public_keys.block.attributes;
    expect(Object.fromEntries(Object.entries(fields).map(([name, a]) => [name, kindOf(a as { required?: boolean })]))).toStrictEqual({
      key_id: 'required',
      pem: 'required',
    });
    expect(resources.vault_agent_registration.block.block_types).toBeUndefined();
  });
});

describe('generated bindings', () => {
  // Run as its own process: the generator library probes `terraform version` when loaded, and only
  // a real process lets the script give that probe a quiet environment (jest sandboxes process.env).
  test('the committed files are what scripts/generate-bindings.ts produces from the schema', () => {
    const run = spawnSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--transpile-only', 'scripts/generate-bindings.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toStrictEqual({
      status: 0,
      stdout: 'Bindings are up to date.\n',
      stderr: '',
    });
  });
});
