import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';
import { CREDENTIAL_HEADERS } from '../../vault/audit';

export const auditSecrets: Rule = {
  id: RULE_ID.AUDIT_SECRETS,
  statement: 'No audit device logs secrets in plaintext (log_raw) and no credential header (Authorization, Cookie, X-Vault-Token, …) is audited without HMAC.',
  severity: 'error',
  explanation:
    "Vault HMACs the strings of every audit entry unless log_raw is true: then client tokens, secrets and passwords land in the log as they are. An audited request header is written verbatim unless hmac is true, so auditing Authorization or X-Vault-Token in plaintext puts every caller's credential in the log. Whoever reads the log could act as anyone.",
  fix: 'Remove log_raw (or set it to "false") on the vault_audit device; set hmac = true on audited credential headers, or stop auditing them.',
  check({ model }) {
    const findings: RuleFinding[] = [];
    for (const device of model.auditDevices) {
      const raw = device.options.log_raw;
      if (raw !== undefined && raw !== 'false' && raw !== '0') {
        findings.push({ resource: device.address, message: `audit device "${device.path}" sets log_raw = ${JSON.stringify(raw)}: secrets and tokens are logged in plaintext` });
      } else if (device.computedOptions.includes('log_raw') || device.computedOptions.includes('*')) {
        findings.push({ resource: device.address, message: `audit device "${device.path}": log_raw is only known after apply, so it may log secrets in plaintext` });
      }
    }
    for (const header of model.auditRequestHeaders) {
      if (header.hmac || !CREDENTIAL_HEADERS.has(header.name.toLowerCase())) continue;
      findings.push({ resource: header.address, message: `request header "${header.name}" carries credentials and is audited in plaintext (hmac = false)` });
    }
    return findings;
  },
};
