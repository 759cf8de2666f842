/**
 * `AuditedRequestHeader`: a request header Vault writes into every audit entry
 * (`vault_audit_request_header`, sys/config/auditing/request-headers: sudo, root namespace only).
 * A header that carries credentials (Authorization, Cookie, X-Vault-Token, …) is refused unless
 * `hmac` is true: audited in plaintext, the log would hold every token sent with it.
 */
import { AuditRequestHeader } from '@cdktf/provider-vault/lib/audit-request-header';
import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CREDENTIAL_HEADERS, HEADER_NAME_PATTERN } from '../vault/audit';
import { Issues } from './validate';

export interface AuditedRequestHeaderProps {
  readonly name: string;
  /** Log an HMAC of the value instead of the value. Default false (readable). */
  readonly hmac?: boolean;
  /** A vault provider without a namespace, when the stack's default provider has one. */
  readonly provider?: TerraformProvider;
}

export class AuditedRequestHeader extends Construct {
  readonly resource: AuditRequestHeader;

  constructor(scope: Construct, id: string, props: AuditedRequestHeaderProps) {
    super(scope, id);
    const issues = new Issues();
    const hmac = props.hmac ?? false;
    if (!HEADER_NAME_PATTERN.test(props.name)) issues.add(`name ${JSON.stringify(props.name)} is not an HTTP header name`);
    else if (CREDENTIAL_HEADERS.has(props.name.toLowerCase()) && !hmac) {
      issues.add(`name ${JSON.stringify(props.name)} carries credentials; audit it only with hmac: true, or the log holds every token sent with it`);
    }
    issues.throwIfAny(this);
    this.resource = new AuditRequestHeader(this, 'Default', { name: props.name, hmac, ...(props.provider ? { provider: props.provider } : {}) });
  }
}
