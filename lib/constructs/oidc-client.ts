/**
 * `OidcClient`: a client agent's OIDC client (`vault_identity_oidc_client`).
 *
 * Least privilege by default: confidential, exact redirect URIs (https, or http only on a
 * loopback address as RFC 8252 allows for native apps; Vault ignores the port of a loopback URI,
 * per RFC 8252 §7.3, so such a URI admits every port on that host), 15-minute ID and access tokens, and only
 * the assignments passed in (never `allow_all`). It registers its `client_id` on its key, so the
 * key signs for exactly the clients built on it. Vault generates the secret; this construct never
 * exposes or outputs it.
 *
 * Rotation: Vault has no endpoint that rotates a client secret; it generates `client_id` and
 * `client_secret` once, when the client is created, and keeps both on every update
 * (identity_store_oidc_provider.go, `pathOIDCCreateUpdateClient`). The only new secret is a new
 * client. So the client carries a `generation`, held by a `terraform_data` resource the client
 * names in `lifecycle.replace_triggered_by`: raising it makes Terraform replace the client (same
 * name, new client_id and secret), and everything that refers to its client_id (the key's allowed
 * client, its provider's allowed_client_ids, outputs) follows in the same apply. The trigger exists
 * from generation 1 on, because Terraform replaces only for a trigger that is updated or replaced,
 * not for one that is created (replace_triggered_by with a new resource does nothing).
 */
import { IdentityOidcClient } from '@cdktf/provider-vault/lib/identity-oidc-client';
import { anyToHclTerraform, anyToTerraform, hashMapper, hashMapperHcl, TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import type { OidcAssignment } from './oidc-assignment';
import type { OidcKey } from './oidc-key';
import {
  checkNonEmpty,
  checkNotReserved,
  checkReason,
  checkTtl,
  checkUnique,
  checkVaultName,
  DEFAULT_TOKEN_TTL_SECONDS,
  Issues,
} from './validate';
import { terraformTexts } from './terraform-text';

/** Public clients have no secret (PKCE only); choosing one is a widening and needs a reason. */
export type OidcClientType = { readonly kind: 'confidential' } | { readonly kind: 'public'; readonly reason: string };

export interface OidcClientProps {
  readonly name: string;
  /** The signing key; cannot change after creation. */
  readonly key: OidcKey;
  /** Redirect URIs. Vault matches them exactly, except that it ignores the port of a loopback URI (localhost, 127.0.0.1, ::1). */
  readonly redirectUris: readonly string[];
  /** Who may sign in: assignments built here, or names of existing ones (never `allow_all`). */
  readonly assignments: readonly (OidcAssignment | string)[];
  /** Default confidential. */
  readonly clientType?: OidcClientType;
  /** Default 15 minutes. */
  readonly idTokenTtlSeconds?: number;
  /** Default 15 minutes; the access token is what a server agent accepts on a call. */
  readonly accessTokenTtlSeconds?: number;
  /** Default 1. Raise it to replace the client: a new client_id and secret (see the class comment). */
  readonly generation?: number;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Terraform's `terraform_data` with `triggers_replace`, synthesized as cdktf's DataResource
 * synthesizes it (the same JSON and HCL), without the validation DataResource adds (see above).
 */
class TerraformData extends TerraformResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly triggersReplace: Readonly<Record<string, unknown>>,
  ) {
    super(scope, id, { terraformResourceType: 'terraform_data' });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggersReplace) };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapperHcl(anyToHclTerraform)(this.triggersReplace) };
  }
}

export class OidcClient extends Construct {
  readonly resource: IdentityOidcClient;
  /** The client name as a reference. */
  readonly clientName: string;
  /** Vault-generated client id (a reference); the OAuth `client_id` and the ID token's `aud`. */
  readonly clientId: string;
  /** `terraform_data` holding the generation; the client is replaced whenever it changes. */
  readonly rotation: TerraformResource;

  constructor(scope: Construct, id: string, props: OidcClientProps) {
    super(scope, id);
    const clientType = props.clientType ?? { kind: 'confidential' };
    const idTtl = props.idTokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    const accessTtl = props.accessTokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    const assignmentNames = props.assignments.map((a) => (typeof a === 'string' ? a : a.assignmentName));

    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkNonEmpty(issues, 'redirectUris', props.redirectUris, 'list the exact callback URLs of the client agent');
    props.redirectUris.forEach((uri, i) => checkRedirectUri(issues, `redirectUris[${i}]`, uri));
    checkUnique(issues, 'redirectUris', props.redirectUris);
    checkNonEmpty(issues, 'assignments', props.assignments, 'pass the assignment listing who may sign in');
    props.assignments.forEach((a, i) => {
      if (typeof a !== 'string') return;
      checkVaultName(issues, `assignments[${i}]`, a);
      checkNotReserved(issues, `assignments[${i}]`, a, ['allow_all'], 'admits every entity');
    });
    checkUnique(issues, 'assignments', assignmentNames);
    if (clientType.kind === 'public') checkReason(issues, 'clientType.reason', clientType.reason);
    checkTtl(issues, 'idTokenTtlSeconds', idTtl);
    checkTtl(issues, 'accessTokenTtlSeconds', accessTtl);
    const generation = props.generation ?? 1;
    if (!Number.isInteger(generation) || generation < 1) issues.add(`generation must be a whole number of at least 1, got ${generation}`);
    issues.throwIfAny(this);

    // A plain resource of type terraform_data, not cdktf's DataResource: that class adds a
    // validation running `terraform version` once per instance at synth time, a process per
    // client (half a minute for 500 clients) and a refused synth wherever no terraform binary is
    // installed. The JSON is the same.
    this.rotation = new TerraformData(this, 'generation', { client: props.name, generation });
    this.resource = new IdentityOidcClient(this, 'Default', {
      name: props.name,
      key: props.key.keyName,
      redirectUris: terraformTexts(props.redirectUris),
      assignments: assignmentNames,
      clientType: clientType.kind,
      idTokenTtl: idTtl,
      accessTokenTtl: accessTtl,
      // A bare address, as Terraform JSON writes depends_on (cdktf would write "${…}", which the
      // HCL writer, like hand-written HCL, does not take for a reference list).
      lifecycle: { replaceTriggeredBy: [`${this.rotation.terraformResourceType}.${this.rotation.friendlyUniqueId}`] },
    });
    this.clientName = this.resource.name;
    this.clientId = this.resource.clientId;
    props.key.allowClient(`client-${props.name}`, this.clientId);
  }
}

function checkRedirectUri(issues: Issues, field: string, uri: string): void {
  const shown = JSON.stringify(uri);
  if (uri.includes('*')) {
    issues.add(`${field} ${shown} contains "*"; Vault matches redirect URIs exactly, list each one`);
    return;
  }
  // new URL() trims whitespace, but Vault compares redirect URIs as exact strings.
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(uri)) {
    issues.add(`${field} ${shown} contains whitespace or control characters; Vault would never match it`);
    return;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    issues.add(`${field} ${shown} is not an absolute URL such as "https://agent.example.com/callback"`);
    return;
  }
  if (url.hash !== '' || uri.includes('#')) issues.add(`${field} ${shown} has a fragment, which OAuth forbids in redirect URIs`);
  if (url.username !== '' || url.password !== '') issues.add(`${field} ${shown} carries credentials; remove them`);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.includes(url.hostname)) {
    issues.add(`${field} ${shown} uses http on a non-loopback host; use https (http is only safe for 127.0.0.1, [::1] or localhost)`);
  } else if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    issues.add(`${field} ${shown} must be an http(s) URL`);
  }
}
