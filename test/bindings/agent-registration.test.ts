import { TerraformOutput, Testing } from 'cdktf';
import { IdentityEntity } from '@cdktf/provider-vault/lib/identity-entity';
import { AgentRegistration, AgentRegistrationConfig, BindingConfigError, VAULT_PROVIDER_FLOOR_CONSTRAINT } from '../../lib/constructs/bindings';
import { synthHclParsed, synthJson, vaultStack } from './synth';

function fullyConfigured() {
  const { stack } = vaultStack();
  const entity = new IdentityEntity(stack, 'entity', { name: 'summarizer' });
  const config: AgentRegistrationConfig = {
    displayName: 'summarizer',
    entityId: entity.id,
    ceilingPolicies: ['a2a-agent-summarizer', 'a2a-agent-summarizer-rar'],
    noDefaultCeilingPolicy: true,
    description: 'Summarizes mail on behalf of signed-in users',
    owner: 'platform-team',
    optionalAuthorizationDetails: false,
    namespace: 'agents',
  };
  const registration = new AgentRegistration(stack, 'registration', config);
  return { stack, registration };
}

const EXPECTED_ATTRIBUTES = {
  ceiling_policies: ['a2a-agent-summarizer', 'a2a-agent-summarizer-rar'],
  description: 'Summarizes mail on behalf of signed-in users',
  display_name: 'summarizer',
  entity_id: '${vault_identity_entity.entity.id}',
  namespace: 'agents',
  no_default_ceiling_policy: true,
  optional_authorization_details: false,
  owner: 'platform-team',
};

describe('AgentRegistration', () => {
  test('synthesizes every configurable attribute under its snake_case name', () => {
    const { stack } = fullyConfigured();
    const json = synthJson(stack);
    expect(json.resource.vault_agent_registration).toStrictEqual({ registration: EXPECTED_ATTRIBUTES });
    expect(AgentRegistration.tfResourceType).toBe('vault_agent_registration');
  });

  test('HCL synth renders the same resource (parsed back with the HCL parser)', async () => {
    const { stack } = fullyConfigured();
    const { hcl, parsed } = await synthHclParsed(stack);
    expect(hcl).toContain('resource "vault_agent_registration" "registration" {');
    expect(hcl).toContain('entity_id = "${vault_identity_entity.entity.id}"');
    expect(parsed.resource.vault_agent_registration).toStrictEqual({ registration: [EXPECTED_ATTRIBUTES] });
    expect(parsed.terraform[0].required_providers[0].vault.version).toBe(VAULT_PROVIDER_FLOOR_CONSTRAINT);
  });

  test('only required attributes: nothing else is written, Vault defaults apply', () => {
    const { stack } = vaultStack();
    new AgentRegistration(stack, 'registration', { displayName: 'mailer', entityId: 'ent-1' });
    expect(synthJson(stack).resource.vault_agent_registration.registration).toStrictEqual({ display_name: 'mailer', entity_id: 'ent-1' });
  });

  test('computed attributes are references to the resource', () => {
    const { stack, registration } = fullyConfigured();
    new TerraformOutput(stack, 'id', { value: registration.id });
    new TerraformOutput(stack, 'created', { value: registration.creationTime });
    new TerraformOutput(stack, 'updated', { value: registration.lastUpdatedTime });
    new TerraformOutput(stack, 'ceiling', { value: registration.ceilingPolicies });
    new TerraformOutput(stack, 'rar', { value: registration.optionalAuthorizationDetails });
    expect(synthJson(stack).output).toStrictEqual({
      id: { value: '${vault_agent_registration.registration.id}' },
      created: { value: '${vault_agent_registration.registration.creation_time}' },
      updated: { value: '${vault_agent_registration.registration.last_updated_time}' },
      ceiling: { value: '${vault_agent_registration.registration.ceiling_policies}' },
      rar: { value: '${vault_agent_registration.registration.optional_authorization_details}' },
    });
  });

  test('setters, reset methods and *Input getters', () => {
    const { stack } = vaultStack();
    const registration = new AgentRegistration(stack, 'registration', { displayName: 'mailer', entityId: 'ent-1', ceilingPolicies: ['p'], owner: 'old' });
    registration.owner = 'mail-team';
    registration.description = 'Sends mail';
    registration.optionalAuthorizationDetails = true;
    registration.resetCeilingPolicies();
    expect(registration.ownerInput).toBe('mail-team');
    expect(registration.ceilingPoliciesInput).toBeUndefined();
    expect(registration.displayNameInput).toBe('mailer');
    expect(synthJson(stack).resource.vault_agent_registration.registration).toStrictEqual({
      description: 'Sends mail',
      display_name: 'mailer',
      entity_id: 'ent-1',
      optional_authorization_details: true,
      owner: 'mail-team',
    });
  });

  test('generateConfigForImport writes an import block and raises the provider floor', () => {
    const { stack } = vaultStack();
    AgentRegistration.generateConfigForImport(stack, 'imported', 'summarizer');
    const json = synthJson(stack);
    expect(json.import).toStrictEqual([{ to: 'vault_agent_registration.imported', id: 'summarizer' }]);
    expect(json.terraform.required_providers.vault.version).toBe(VAULT_PROVIDER_FLOOR_CONSTRAINT);
  });

  test('a root ceiling policy is rejected before the resource joins the tree', () => {
    const { stack } = vaultStack();
    const create = () => new AgentRegistration(stack, 'bad', { displayName: 'x', entityId: 'e', ceilingPolicies: ['ok', 'root'] });
    expect(create).toThrow(BindingConfigError);
    expect(create).toThrow('vault_agent_registration "a2a/bad" is invalid:\n  - ceiling_policies[1] is "root": a ceiling cannot include the root policy');
    expect(stack.node.tryFindChild('bad')).toBeUndefined();
  });

  test('a root ceiling set after construction fails synth-time validation', () => {
    const { stack } = vaultStack();
    const registration = new AgentRegistration(stack, 'registration', { displayName: 'x', entityId: 'e' });
    registration.ceilingPolicies = ['root'];
    expect(() => Testing.synth(stack, true)).toThrow('[a2a/registration] ceiling_policies[0] is "root"');
  });
});
