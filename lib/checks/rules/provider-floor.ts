import { VAULT_PROVIDER_FLOOR, VAULT_PROVIDER_FLOOR_CONSTRAINT } from '../../vault/provider';
import { admitsVersionBelow, parseVersion } from '../../analysis/provider-version';
import type { Rule } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

const FLOOR = parseVersion(VAULT_PROVIDER_FLOOR)!;

export const providerFloor: Rule = {
  id: RULE_ID.PROVIDER_FLOOR,
  statement: `A stack with agent registrations or resource-server profiles requires the vault provider ${VAULT_PROVIDER_FLOOR_CONSTRAINT} (no version below ${VAULT_PROVIDER_FLOOR}).`,
  severity: 'error',
  explanation:
    'vault_agent_registration and vault_oauth_resource_server_config_profile first work in hashicorp/vault 5.10.1. A constraint that admits an older provider (the prebuilt bindings pin 5.6.0) makes terraform plan fail on an unknown resource type, or install a provider that cannot manage them.',
  fix: `Set terraform.required_providers.vault.version = "${VAULT_PROVIDER_FLOOR_CONSTRAINT}" (the project's bindings do this when they create either resource).`,
  check({ model }) {
    const users = [...model.registrations, ...model.resourceServerProfiles].map((r) => r.address);
    if (users.length === 0) return [];
    const constraint = model.vaultProviderConstraint;
    const uses = `${users.length} agent-registry resource${users.length === 1 ? '' : 's'} (${users[0]}${users.length > 1 ? ', …' : ''})`;
    const resource = 'terraform.required_providers.vault';
    if (constraint === undefined) return [{ resource, message: `the stack uses ${uses} but sets no vault provider version, so any version may be installed` }];
    const below = admitsVersionBelow(constraint, FLOOR);
    if (below === 'unreadable') return [{ resource, message: `the stack uses ${uses}; its vault provider constraint "${constraint}" cannot be read, so the floor ${VAULT_PROVIDER_FLOOR} is not shown` }];
    return below ? [{ resource, message: `the stack uses ${uses} but its vault provider constraint "${constraint}" admits versions below ${VAULT_PROVIDER_FLOOR}` }] : [];
  },
};
