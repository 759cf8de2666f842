import { collectRefs, refText } from '../../analysis/expressions';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';
import { own } from '../../vault/own';

/** Attributes that hold credentials, per resource type; `*` applies to every type. */
const SECRET_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  '*': ['client_secret', 'secret_id', 'client_token', 'wrapping_token', 'wrapped_token', 'token', 'password', 'private_key', 'service_account_token', 'secret_key'],
  vault_approle_auth_backend_role_secret_id: ['secret_id', 'wrapping_token', 'wrapping_accessor', 'accessor'],
  vault_token: ['client_token', 'wrapped_token', 'wrapping_accessor'],
  vault_identity_oidc_client: ['client_secret'],
  vault_generic_secret: ['data', 'data_json'],
  vault_kv_secret: ['data', 'data_json'],
  vault_kv_secret_v2: ['data', 'data_json'],
};

/** Types whose whole-object reference would print a credential. */
const TYPES_WITH_SECRETS = new Set(Object.keys(SECRET_ATTRIBUTES).filter((t) => t !== '*'));

function typeOf(address: string): string {
  const parts = address.split('.');
  return parts[0] === 'data' ? parts[1]! : parts[0]!;
}

export const outputSecret: Rule = {
  id: RULE_ID.OUTPUT_SECRET,
  statement: 'No non-sensitive output references a client secret, secret id, token or password.',
  severity: 'error',
  explanation: 'Non-sensitive outputs are printed by terraform apply and stored in plain text in state consumers and CI logs.',
  fix: 'Remove the output (agents read their secret from Vault at run time), or at least mark it sensitive = true.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const output of model.outputs) {
      if (output.sensitive) continue;
      for (const ref of collectRefs(output.value)) {
        const type = typeOf(ref.address);
        const attr = ref.attribute[0];
        const secret =
          attr === undefined
            ? TYPES_WITH_SECRETS.has(type)
            : (SECRET_ATTRIBUTES['*']!.includes(attr) || (own(SECRET_ATTRIBUTES, type) ?? []).includes(attr));
        if (secret) findings.push({ resource: output.address, message: `output "${output.name}" exposes ${refText(ref)} without sensitive = true` });
      }
    }
    return findings;
  },
};
