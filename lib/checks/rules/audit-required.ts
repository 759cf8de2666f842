import type { Rule } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

export const auditRequired: Rule = {
  id: RULE_ID.AUDIT_REQUIRED,
  statement: 'When the topology requires an audit trail (audit.required, the default with audit), the stack enables at least one audit device.',
  severity: 'error',
  explanation:
    "Without an audit device Vault records nothing: no login, no token minted, no secret read, and no way to tell a browser's call from an agent's. The topology stated that this stack owns the audit trail; a stack without a vault_audit resource does not provide it. Runs only with the topology's intent (synth, or vault-a2a check --topology).",
  fix: 'Add a device under audit.devices (a vault_audit resource), or set audit.required: false when the devices are managed elsewhere.',
  check({ model, settings }) {
    if (settings.auditRequired !== true || model.auditDevices.length > 0) return [];
    return [
      {
        resource: 'vault_audit',
        message: `stack "${model.name}" enables no audit device, but its topology requires an audit trail`,
      },
    ];
  },
};
