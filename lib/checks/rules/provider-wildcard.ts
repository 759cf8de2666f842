import { isWildcardId } from '../../analysis/values';
import type { Rule } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const providerWildcard: Rule = {
  id: RULE_ID.PROVIDER_WILDCARD,
  statement: 'Every OIDC provider lists its allowed clients by client id; none allows "*".',
  severity: 'error',
  explanation:
    'A provider with allowed_client_ids = ["*"] accepts every OIDC client in the namespace, and since scopes are provider-wide any client can then request any scope the provider supports.',
  fix: 'Set allowed_client_ids to exactly the client ids that use the provider (one provider per client agent: [vault_identity_oidc_client.<agent>.client_id]).',
  check({ model }) {
    return model.providers
      .filter((p) => p.allowedClientIds.some(isWildcardId))
      .map((p) => ({ resource: p.address, message: `provider "${p.name}" allows every client (allowed_client_ids contains "*")` }));
  },
};
