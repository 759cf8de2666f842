import { isWildcardId } from '../../analysis/values';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

/** Vault's built-in key, used when a client or role names none: it allows every client. */
const BUILTIN_KEY = 'default';

export const keyWildcard: Rule = {
  id: RULE_ID.KEY_WILDCARD,
  statement: 'Every OIDC signing key lists exactly the clients and roles that sign with it; none allows "*" and none is the built-in "default" key.',
  severity: 'error',
  explanation:
    'A key whose allowed_client_ids contains "*" signs tokens for every client and identity-token role in the namespace, so any of them can obtain tokens whose signature a server trusts. Vault\'s built-in "default" key is created with allowed_client_ids = ["*"].',
  fix: 'Leave the key\'s allowed_client_ids empty and add one vault_identity_oidc_key_allowed_client_id per client or role that uses it; give every client and role a key defined in the stack.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const key of model.keys)
      if (key.allowedClientIds.some(isWildcardId))
        findings.push({ resource: key.address, message: `key "${key.name}" allows every client (allowed_client_ids contains "*")` });
    for (const a of model.keyAllowedClients)
      if (isWildcardId(a.clientId)) findings.push({ resource: a.address, message: `adds "*" to the allowed clients of key "${a.keyName}"` });
    const defined = new Set(model.keys.map((k) => k.name));
    for (const user of [...model.clients.map((c) => ({ ...c, what: 'client' })), ...model.roles.map((r) => ({ ...r, what: 'identity-token role' }))])
      if (user.key === BUILTIN_KEY && !defined.has(BUILTIN_KEY))
        findings.push({ resource: user.address, message: `${user.what} "${user.name}" signs with Vault's built-in "default" key, which allows every client` });
    return findings;
  },
};
