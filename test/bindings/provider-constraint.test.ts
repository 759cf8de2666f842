import * as fs from 'fs';
import * as path from 'path';
import { Construct } from 'constructs';
import { TerraformStack, Testing } from 'cdktf';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import {
  AgentRegistration,
  OauthResourceServerConfigProfile,
  requireVaultProviderFloor,
  VAULT_PROVIDER_FLOOR_CONSTRAINT,
} from '../../lib/constructs/bindings';
import { synthHclParsed, synthJson, vaultStack } from './synth';

const requiredVault = (stack: TerraformStack) => synthJson(stack).terraform.required_providers.vault;

describe('vault provider version constraint', () => {
  test('the constraint is exactly ">= 5.10.1, < 6.0.0"', () => {
    expect(VAULT_PROVIDER_FLOOR_CONSTRAINT).toBe('>= 5.10.1, < 6.0.0');
  });

  test('a stack using neither resource keeps the prebuilt 5.6.0 pin', () => {
    const { stack } = vaultStack();
    new Policy(stack, 'policy', { name: 'a2a-agent-chat', policy: 'path "identity/oidc/token/chat.summarizer" { capabilities = ["read"] }' });
    expect(requiredVault(stack)).toStrictEqual({ source: 'hashicorp/vault', version: '5.6.0' });
  });

  test('a stack using vault_agent_registration requires >= 5.10.1, < 6.0.0 (JSON and HCL)', async () => {
    const { stack } = vaultStack();
    new AgentRegistration(stack, 'registration', { displayName: 'summarizer', entityId: 'ent-1' });
    expect(requiredVault(stack)).toStrictEqual({ source: 'hashicorp/vault', version: '>= 5.10.1, < 6.0.0' });
    const { hcl, parsed } = await synthHclParsed(stack);
    expect(hcl).toContain('version = ">= 5.10.1, < 6.0.0"');
    expect(hcl).not.toContain('5.6.0');
    expect(parsed.terraform[0].required_providers[0].vault).toStrictEqual({ source: 'hashicorp/vault', version: '>= 5.10.1, < 6.0.0' });
  });

  test('a stack using vault_oauth_resource_server_config_profile requires >= 5.10.1, < 6.0.0', () => {
    const { stack } = vaultStack();
    new OauthResourceServerConfigProfile(stack, 'profile', { profileName: 'idp', issuerId: 'https://idp', jwksUri: 'https://idp/jwks' });
    expect(requiredVault(stack)).toStrictEqual({ source: 'hashicorp/vault', version: '>= 5.10.1, < 6.0.0' });
  });

  test('holds whatever the construct order and nesting', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'a2a');
    const group = new Construct(new Construct(stack, 'agents'), 'summarizer');
    new AgentRegistration(group, 'registration', { displayName: 'summarizer', entityId: 'ent-1' });
    new VaultProvider(stack, 'vault', {}); // declared after the resource
    expect(requiredVault(stack).version).toBe('>= 5.10.1, < 6.0.0');
  });

  test('only the stack that uses a resource is raised', () => {
    const app = Testing.app();
    const withRegistry = new TerraformStack(app, 'registry');
    new VaultProvider(withRegistry, 'vault', {});
    new AgentRegistration(withRegistry, 'registration', { displayName: 'summarizer', entityId: 'ent-1' });
    const oidcOnly = new TerraformStack(app, 'oidc');
    new VaultProvider(oidcOnly, 'vault', {});
    expect(requiredVault(withRegistry).version).toBe('>= 5.10.1, < 6.0.0');
    expect(requiredVault(oidcOnly).version).toBe('5.6.0');
  });

  test('requireVaultProviderFloor works on its own (for a raw vault_* escape hatch) and is idempotent', () => {
    const { stack } = vaultStack();
    requireVaultProviderFloor(new Construct(stack, 'anywhere'));
    requireVaultProviderFloor(stack);
    expect(requiredVault(stack)).toStrictEqual({ source: 'hashicorp/vault', version: '>= 5.10.1, < 6.0.0' });
  });

  test('a full app synth writes the constraint into cdk.tf.json (validations on)', () => {
    const { app, stack } = vaultStack();
    new AgentRegistration(stack, 'registration', { displayName: 'summarizer', entityId: 'ent-1' });
    app.synth();
    const written = JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', 'a2a', 'cdk.tf.json'), 'utf8'));
    expect(written.terraform.required_providers.vault).toStrictEqual({ source: 'hashicorp/vault', version: '>= 5.10.1, < 6.0.0' });
    fs.rmSync(app.outdir, { recursive: true, force: true });
  });
});
