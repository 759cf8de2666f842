/**
 * `OidcKey`: a Vault OIDC signing key (`vault_identity_oidc_key`).
 *
 * The key never sets `allowed_client_ids` itself. A client names its key, so a key that listed
 * that client's `client_id` would be a Terraform dependency cycle (refused at plan time, invisible
 * at synth). Instead each client or identity-token role is added with its own
 * `vault_identity_oidc_key_allowed_client_id` through `allowClient`; the key starts out allowing
 * no one, and `"*"` (every client in the namespace) cannot be expressed.
 */
import { IdentityOidcKey } from '@cdktf/provider-vault/lib/identity-oidc-key';
import { IdentityOidcKeyAllowedClientId } from '@cdktf/provider-vault/lib/identity-oidc-key-allowed-client-id';
import { Construct } from 'constructs';
import { checkNoWildcard, checkNotReserved, checkTtl, checkVaultName, Issues } from './validate';
import { DEFAULT_OIDC_KEY_ALGORITHM, OIDC_KEY_ALGORITHMS, type OidcKeyAlgorithm } from '../vault/jwt';
import { DEFAULT_KEY_ROTATION_SECONDS, MAX_KEY_PERIOD_SECONDS, MAX_VERIFICATION_ROTATIONS, MIN_KEY_ROTATION_SECONDS } from '../vault/ttl-limits';

export type OidcSigningAlgorithm = OidcKeyAlgorithm;

export interface OidcKeyProps {
  readonly name: string;
  /** Default RS256: every OIDC and JWT library verifies it. */
  readonly algorithm?: OidcSigningAlgorithm;
  /** How often Vault rotates the key. Default 24h. */
  readonly rotationPeriodSeconds?: number;
  /** How long a rotated-out public key stays published for verification. Default: the rotation period. */
  readonly verificationTtlSeconds?: number;
}

export { DEFAULT_KEY_ROTATION_SECONDS };

export class OidcKey extends Construct {
  readonly resource: IdentityOidcKey;
  /** The key name as a reference, so a client or role naming it is created after the key. */
  readonly keyName: string;
  private readonly allowed = new Map<string, IdentityOidcKeyAllowedClientId>();

  constructor(scope: Construct, id: string, props: OidcKeyProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    // Replacing Vault's built-in `default` key would change signing for every default client.
    checkNotReserved(issues, 'name', props.name, ['default']);
    const rotation = props.rotationPeriodSeconds ?? DEFAULT_KEY_ROTATION_SECONDS;
    const verification = props.verificationTtlSeconds ?? rotation;
    const algorithm = props.algorithm ?? DEFAULT_OIDC_KEY_ALGORITHM;
    const periods = new Issues();
    checkTtl(periods, 'rotationPeriodSeconds', rotation, MAX_KEY_PERIOD_SECONDS);
    checkTtl(periods, 'verificationTtlSeconds', verification, MAX_KEY_PERIOD_SECONDS);
    periods.forEach((issue) => issues.add(issue));
    // Vault's own limits (identity_store_oidc.go, pathOIDCCreateUpdateKey): refused at apply otherwise.
    if (periods.isEmpty && rotation < MIN_KEY_ROTATION_SECONDS) issues.add(`rotationPeriodSeconds is ${rotation}s; Vault requires at least ${MIN_KEY_ROTATION_SECONDS}s`);
    if (periods.isEmpty && verification > MAX_VERIFICATION_ROTATIONS * rotation) {
      issues.add(`verificationTtlSeconds (${verification}) is longer than ${MAX_VERIFICATION_ROTATIONS} rotation periods (${MAX_VERIFICATION_ROTATIONS * rotation}); Vault refuses it`);
    }
    if (!(OIDC_KEY_ALGORITHMS as readonly string[]).includes(algorithm)) {
      issues.add(`algorithm ${JSON.stringify(algorithm)} is not one Vault signs with (${OIDC_KEY_ALGORITHMS.join(', ')})`);
    }
    issues.throwIfAny(this);

    this.resource = new IdentityOidcKey(this, 'Default', {
      name: props.name,
      algorithm,
      rotationPeriod: rotation,
      verificationTtl: verification,
    });
    this.keyName = this.resource.name;
  }

  /**
   * Lets one client or identity-token role sign with this key. `clientId` is normally a
   * reference (`client.clientId`, `role.clientId`); the literal `"*"` is refused.
   */
  allowClient(id: string, clientId: string): IdentityOidcKeyAllowedClientId {
    const issues = new Issues();
    checkNoWildcard(issues, `allowClient(${JSON.stringify(id)}) clientId`, clientId);
    if (this.allowed.has(id)) issues.add(`allowClient: ${JSON.stringify(id)} is already allowed on this key`);
    issues.throwIfAny(this);
    const allowed = new IdentityOidcKeyAllowedClientId(this, id, { keyName: this.keyName, allowedClientId: clientId });
    this.allowed.set(id, allowed);
    return allowed;
  }

  /** Construct ids passed to `allowClient`, in call order. */
  get allowedClientIds(): readonly string[] {
    return [...this.allowed.keys()];
  }
}
