import type { Rule } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const referenceCycle: Rule = {
  id: RULE_ID.REFERENCE_CYCLE,
  statement: 'No resources refer to each other in a cycle (e.g. a key listing the client that names the key).',
  severity: 'error',
  explanation:
    'Terraform refuses a dependency cycle at plan time, but synth does not notice. The classic one: a client names its key and the key\'s allowed_client_ids references that client\'s client_id.',
  fix: 'Break the cycle: leave the key\'s allowed_client_ids empty and add each client with vault_identity_oidc_key_allowed_client_id.',
  check({ model }) {
    return model.cycles.map((cycle) => ({ resource: cycle[0]!, message: cycle.length === 1 ? 'refers to itself' : `is in a reference cycle with ${cycle.slice(1).join(', ')}` }));
  },
};
