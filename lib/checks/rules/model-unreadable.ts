import type { Rule } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const modelUnreadable: Rule = {
  id: RULE_ID.MODEL_UNREADABLE,
  statement: 'Every block of the stack is one the access model reads completely, or one that cannot change access.',
  severity: 'error',
  explanation:
    "What the model cannot evaluate could grant anything, so it fails closed: an unknown resource type or data source, an argument the model does not read, a value only known after apply (a variable, a function call such as join or jsonencode, a data source's attribute), count, for_each, a provider alias or provisioner, a resource-level namespace, lifecycle.ignore_changes on an argument that grants access (Terraform then keeps whatever Vault holds), two blocks writing the same Vault object (the last apply wins; depends_on does not make that safe), a vault_generic_endpoint write that is not a token-exchange role, config or key, a child module. docs/checks.md lists what is read.",
  fix: 'Write the value as a literal or a reference to the resource that defines it, use a modelled resource type, remove the duplicate or the ignore_changes; or suppress with the reason the block cannot widen anybody\'s access.',
  check({ model }) {
    return (model.unreadable ?? []).map((u) => ({ resource: u.address, message: `${u.what}: ${u.reason}` }));
  },
};
