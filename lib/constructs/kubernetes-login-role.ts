/**
 * `KubernetesLoginRole`: lets exactly one service account in exactly one namespace log in
 * (`vault_kubernetes_auth_backend_role`). `alias_name_source = "serviceaccount_name"` makes the
 * entity alias `<namespace>/<serviceaccount>`, known before the first login, so the agent's entity
 * can be created (and granted things) in advance; the default, the service account's UID, is
 * unknowable until the pod exists.
 *
 * `audience` (recommended): the audience the service account token must carry, e.g. `vault` for
 * a token projected for Vault. Without it Vault accepts a token of that service account issued
 * for any audience (such as the API server's default), so any system the pod hands its token to
 * can log in as the agent; Vault warns on every write of such a role
 * (vault-plugin-auth-kubernetes, path_role.go). The construct adds a synth warning then.
 */
import { KubernetesAuthBackendRole } from '@cdktf/provider-vault/lib/kubernetes-auth-backend-role';
import { AnnotationMetadataEntryType } from 'cdktf';
import { Construct } from 'constructs';
import { resolveLoginRole, type LoginRoleProps } from './login-role';
import { checkNoWildcard, Issues } from './validate';
import { terraformText } from './terraform-text';

export interface KubernetesLoginRoleProps extends LoginRoleProps {
  readonly serviceAccount: string;
  readonly namespace: string;
  /** Recommended: the audience the service account token must carry (e.g. "vault"). */
  readonly audience?: string;
}

/** RFC 1123 label: what Kubernetes allows for service account and namespace names. */
const K8S_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export class KubernetesLoginRole extends Construct {
  readonly resource: KubernetesAuthBackendRole;
  /** The entity alias name a login through this role produces. */
  readonly aliasName: string;

  constructor(scope: Construct, id: string, props: KubernetesLoginRoleProps) {
    super(scope, id);
    const issues = new Issues();
    const role = resolveLoginRole(issues, props);
    for (const [field, value] of [['serviceAccount', props.serviceAccount], ['namespace', props.namespace]] as const) {
      checkNoWildcard(issues, field, value);
      if (!value.includes('*') && value !== '' && !K8S_NAME.test(value)) {
        issues.add(`${field} ${JSON.stringify(value)} is not a Kubernetes name (lowercase letters, digits and "-")`);
      }
    }
    if (props.audience !== undefined) checkNoWildcard(issues, 'audience', props.audience);
    issues.throwIfAny(this);
    if (props.audience === undefined) {
      // A cdktf warning annotation (shown by `cdktf synth`), without the stack trace
      // Annotations.addWarning records: it would put this machine's paths into manifest.json.
      this.node.addMetadata(
        AnnotationMetadataEntryType.WARN,
        `kubernetes role ${props.roleName} has no audience: Vault accepts a token of ${props.namespace}/${props.serviceAccount} issued for any audience; set audience (e.g. "vault") and project a token for it`,
        { stackTrace: false },
      );
    }

    this.resource = new KubernetesAuthBackendRole(this, 'Default', {
      backend: role.backend,
      roleName: role.roleName,
      boundServiceAccountNames: [terraformText(props.serviceAccount)],
      boundServiceAccountNamespaces: [terraformText(props.namespace)],
      aliasNameSource: 'serviceaccount_name',
      ...(props.audience !== undefined ? { audience: terraformText(props.audience) } : {}),
      tokenPolicies: role.tokenPolicies,
      tokenTtl: role.tokenTtl,
      tokenMaxTtl: role.tokenMaxTtl,
      tokenNoDefaultPolicy: role.tokenNoDefaultPolicy,
    });
    this.aliasName = `${props.namespace}/${props.serviceAccount}`;
  }
}
