/**
 * `TokenExchangeEngine`: the identity-delegation secrets plugin (RFC 8693 token exchange) mounted
 * at `path` (`vault_mount`), configured (`<path>/config`) and given a signing key
 * (`<path>/key/<name>`). Roles are separate constructs (`TokenExchangeRole`).
 *
 * The plugin has no dedicated Terraform resources, so config and key are `vault_generic_endpoint`s:
 * - `ignore_absent_fields`: the plugin reads back more than was written (key id, public key,
 *   timestamps); drift detection covers exactly the fields written.
 * - Written values use the plugin's read-back format (TTL as a Go duration such as "15m0s"), so a
 *   refresh compares equal and Terraform shows no perpetual diff.
 * - Reads stay enabled (no `disable_read`): a deleted key or changed config is noticed and rewritten.
 *   The key is never rewritten in place (the plugin refuses to overwrite a key; rotation has its
 *   own endpoint), and its written fields (algorithm, key_size) are constants.
 * - No `write_fields`: nothing the writes return is needed, and nothing secret reaches state.
 */
import { GenericEndpoint } from '@cdktf/provider-vault/lib/generic-endpoint';
import { Mount } from '@cdktf/provider-vault/lib/mount';
import { Construct } from 'constructs';
import { checkNotReserved, checkTtl, checkVaultName, isToken, Issues } from './validate';
import { terraformText } from './terraform-text';

export type ExchangeKeyAlgorithm = 'RS256' | 'RS384' | 'RS512';

export interface TokenExchangeEngineProps {
  /** Mount path, e.g. `identity-delegation`. */
  readonly path: string;
  /** The plugin's name in Vault's plugin catalog (the mount type). */
  readonly plugin: string;
  /** `iss` of the delegated tokens the engine mints. */
  readonly issuer: string;
  /** JWKS URL the engine verifies subject tokens with (normally a reference). */
  readonly subjectJwksUri: string;
  readonly defaultTtlSeconds: number;
  readonly key: { readonly name: string; readonly algorithm: ExchangeKeyAlgorithm; readonly keySize: 2048 | 3072 | 4096 };
}

const MOUNT_PATH = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/;

/** Vault's built-in mounts: a plugin mounted over them would not work or would shadow them. */
const RESERVED_ROOTS = ['auth', 'cubbyhole', 'identity', 'sys'];

/** Seconds as Go's `time.Duration.String()` prints them, which is how the plugin reads TTLs back. */
export function goDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

export class TokenExchangeEngine extends Construct {
  readonly mount: Mount;
  readonly config: GenericEndpoint;
  readonly key: GenericEndpoint;
  /** The mount path as given (plain string), for policy paths. */
  readonly path: string;
  /** The mount path as a reference, so endpoints under it are written after the mount. */
  readonly mountPath: string;
  readonly keyName: string;

  constructor(scope: Construct, id: string, props: TokenExchangeEngineProps) {
    super(scope, id);
    const issues = new Issues();
    if (!MOUNT_PATH.test(props.path)) issues.add(`path ${JSON.stringify(props.path)} is not a mount path such as "identity-delegation"`);
    checkNotReserved(issues, 'path', props.path.split('/')[0], RESERVED_ROOTS, 'is a built-in Vault mount');
    if (props.plugin.trim() === '') issues.add('plugin is empty; give the plugin name registered in the plugin catalog');
    if (!isToken(props.issuer) && !/^https?:\/\/[^\s]+$/.test(props.issuer)) issues.add(`issuer ${JSON.stringify(props.issuer)} must be an http(s) URL`);
    if (!isToken(props.subjectJwksUri) && !/^https:\/\/[^\s]+$/.test(props.subjectJwksUri)) {
      issues.add(`subjectJwksUri ${JSON.stringify(props.subjectJwksUri)} must be an https URL`);
    }
    checkTtl(issues, 'defaultTtlSeconds', props.defaultTtlSeconds);
    checkVaultName(issues, 'key.name', props.key.name);
    issues.throwIfAny(this);

    this.path = props.path;
    this.mount = new Mount(this, 'mount', {
      path: props.path,
      type: terraformText(props.plugin),
      description: 'RFC 8693 token exchange for A2A agents acting on behalf of users',
    });
    this.mountPath = this.mount.path;
    this.config = new GenericEndpoint(this, 'config', {
      path: `${this.mountPath}/config`,
      dataJson: terraformText(
        JSON.stringify({
          issuer: props.issuer,
          subject_jwks_uri: props.subjectJwksUri,
          default_ttl: goDuration(props.defaultTtlSeconds),
        }),
      ),
      ignoreAbsentFields: true,
    });
    this.key = new GenericEndpoint(this, 'key', {
      path: terraformText(`${this.mountPath}/key/${props.key.name}`),
      dataJson: terraformText(JSON.stringify({ algorithm: props.key.algorithm, key_size: props.key.keySize })),
      ignoreAbsentFields: true,
    });
    this.keyName = props.key.name;
  }
}
