/**
 * `CertLoginRole`: lets a workload holding a client certificate issued by one CA, for one exact
 * name, log in (`vault_cert_auth_backend_role`, mutual TLS). The certificate is pinned by exactly
 * one constraint, `allowed_common_names` or `allowed_uri_sans` with a single value without "*"
 * (Vault matches both as go-glob patterns, and a role without any allowed_* constraint admits every
 * certificate the CA issues).
 *
 * Vault's cert auth names the entity alias after the client certificate's subject common name,
 * whichever constraint the role sets (hashicorp/vault builtin/credential/cert/path_login.go,
 * `Alias.Name = clientCerts[0].Subject.CommonName`). So `aliasName` is known only for a role pinned
 * by common name; a role pinned by URI SAN (a SPIFFE ID, say) lands on whatever common name the
 * certificate carries.
 */
import { CertAuthBackendRole } from '@cdktf/provider-vault/lib/cert-auth-backend-role';
import { Construct } from 'constructs';
import { resolveLoginRole, type LoginRoleProps } from './login-role';
import { checkNoWildcard, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface CertLoginRoleProps extends LoginRoleProps {
  /** PEM of the CA that issues the client certificates: certificates only, never a private key. */
  readonly caCertificate: string;
  /** The one subject common name allowed. Exactly one of `commonName` and `uriSan`. */
  readonly commonName?: string;
  /** The one URI subject alternative name allowed, e.g. `spiffe://example.org/ns/ci/sa/builder`. */
  readonly uriSan?: string;
}

const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/g;

export class CertLoginRole extends Construct {
  readonly resource: CertAuthBackendRole;
  /** The entity alias name of logins through this role (the common name); undefined when pinned by URI SAN. */
  readonly aliasName?: string;

  constructor(scope: Construct, id: string, props: CertLoginRoleProps) {
    super(scope, id);
    const issues = new Issues();
    const role = resolveLoginRole(issues, props);
    const labels = [...props.caCertificate.matchAll(PEM_LABEL)].map((m) => m[1]!);
    if (labels.some((l) => l.includes('PRIVATE KEY'))) issues.add('caCertificate holds a PRIVATE key: pass the CA certificate only (treat the key as leaked)');
    else if (labels.length === 0 || labels.some((l) => l !== 'CERTIFICATE')) issues.add('caCertificate must be PEM certificates ("-----BEGIN CERTIFICATE-----") and nothing else');
    if ((props.commonName === undefined) === (props.uriSan === undefined)) {
      issues.add('give exactly one of commonName and uriSan: the role must pin one name (without one every certificate of the CA logs in)');
    }
    if (props.commonName !== undefined) checkNoWildcard(issues, 'commonName', props.commonName);
    if (props.uriSan !== undefined) checkNoWildcard(issues, 'uriSan', props.uriSan);
    if (props.commonName?.trim() === '' || props.uriSan?.trim() === '') issues.add('commonName and uriSan must not be empty');
    issues.throwIfAny(this);

    this.resource = new CertAuthBackendRole(this, 'Default', {
      backend: role.backend,
      name: role.roleName,
      certificate: terraformText(props.caCertificate),
      ...(props.commonName !== undefined ? { allowedCommonNames: [terraformText(props.commonName)] } : {}),
      ...(props.uriSan !== undefined ? { allowedUriSans: [terraformText(props.uriSan)] } : {}),
      tokenPolicies: role.tokenPolicies,
      tokenTtl: role.tokenTtl,
      tokenMaxTtl: role.tokenMaxTtl,
      tokenNoDefaultPolicy: role.tokenNoDefaultPolicy,
    });
    if (props.commonName !== undefined) this.aliasName = props.commonName;
  }
}
