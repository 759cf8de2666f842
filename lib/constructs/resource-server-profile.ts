/**
 * `ResourceServerProfile`: an OAuth resource-server profile (Vault Enterprise,
 * `vault_oauth_resource_server_config_profile`): which issuer's JWTs Vault accepts and how it
 * verifies them. Secure by construction, where the provider's defaults are permissive:
 * - audiences are required (the provider skips the audience check without them);
 * - an explicit list of at most three algorithms (the provider accepts all nine by default);
 * - https issuer and JWKS URL; pinned keys must be RSA (2048+ bits) or EC public keys that one of
 *   the algorithms verifies;
 * - clock-skew leeway at most 60 seconds;
 * - RAR (`authorization_details`) mandatory unless `optionalAuthorizationDetails: { reason }`,
 *   whose reason is written into the resource as an in-document suppression of A2A-RAR-OPTIONAL;
 * - `enabled`, `no_default_policy`, `optional_authorization_details`, `user_claim` and `jwt_type`
 *   are always written, so the configuration says what it means and Terraform corrects drift.
 * Creating one raises the stack's vault provider constraint to `>= 5.10.1, < 6.0.0` (bindings).
 */
import { Construct } from 'constructs';
import { suppressInDocument } from '../checks/document-suppressions';
import { OauthResourceServerConfigProfile } from './bindings';
import { algorithmsForKey, describeKeyKind, inspectPublicKeyPem } from '../topology/public-keys';
import { JWT_ALGORITHMS, JWT_TYPES, MAX_CLOCK_SKEW_SECONDS, MAX_JWT_ALGORITHMS, type JwtAlgorithm, type JwtType } from '../vault/jwt';
import { checkIssuerUrl, checkJwksUri } from '../topology/urls';
import { sortedBy } from '../vault/order';
import { RULE_ID } from '../vault/rule-ids';
import { checkNoWildcard, checkNonEmpty, checkReason, checkUnique, checkVaultName, isToken, Issues } from './validate';
import { terraformText, terraformTexts } from './terraform-text';

export type ResourceServerKeySource =
  | { readonly kind: 'jwks'; readonly uri: string }
  | { readonly kind: 'public-keys'; readonly keys: readonly { readonly keyId: string; readonly pem: string }[] };

export interface ResourceServerProfileProps {
  readonly name: string;
  /** The `iss` of accepted tokens, exactly as the IdP writes it. */
  readonly issuer: string;
  readonly keySource: ResourceServerKeySource;
  /** Accepted `aud` values. */
  readonly audiences: readonly string[];
  /** Accepted signing algorithms: one to three. */
  readonly algorithms: readonly JwtAlgorithm[];
  /** Default 0. */
  readonly clockSkewLeewaySeconds?: number;
  /** Default `sub`. */
  readonly userClaim?: string;
  /** Default `access_token`. */
  readonly jwtType?: JwtType;
  /** RAR is mandatory unless this is given, with the reason shown in reports. */
  readonly optionalAuthorizationDetails?: { readonly reason: string };
}

export class ResourceServerProfile extends Construct {
  readonly resource: OauthResourceServerConfigProfile;
  /** The profile name as given. */
  readonly profileName: string;

  constructor(scope: Construct, id: string, props: ResourceServerProfileProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkUrl(issues, 'issuer', props.issuer, checkIssuerUrl);
    checkKeySource(issues, props.keySource, props.algorithms);
    checkNonEmpty(issues, 'audiences', props.audiences, 'list the aud values tokens for Vault carry; without them Vault accepts tokens minted for any service');
    props.audiences.forEach((a, i) => checkNoWildcard(issues, `audiences[${i}]`, a));
    checkUnique(issues, 'audiences', props.audiences);
    checkAlgorithms(issues, props.algorithms);
    const skew = props.clockSkewLeewaySeconds ?? 0;
    if (!Number.isInteger(skew) || skew < 0 || skew > MAX_CLOCK_SKEW_SECONDS) {
      issues.add(`clockSkewLeewaySeconds is ${skew}; use a whole number from 0 to ${MAX_CLOCK_SKEW_SECONDS}: a larger leeway keeps expired tokens valid`);
    }
    if (props.jwtType !== undefined && !JWT_TYPES.includes(props.jwtType)) issues.add(`jwtType ${JSON.stringify(props.jwtType)} must be one of ${JWT_TYPES.join(', ')}`);
    if (props.userClaim !== undefined && !isToken(props.userClaim) && !/^[A-Za-z_][A-Za-z0-9_.:-]*$/.test(props.userClaim)) {
      issues.add(`userClaim ${JSON.stringify(props.userClaim)} must be a claim name such as "sub"`);
    }
    if (props.optionalAuthorizationDetails) checkReason(issues, 'optionalAuthorizationDetails.reason', props.optionalAuthorizationDetails.reason);
    issues.throwIfAny(this);

    const source = props.keySource;
    this.profileName = props.name;
    this.resource = new OauthResourceServerConfigProfile(this, 'Default', {
      profileName: props.name,
      issuerId: terraformText(props.issuer),
      useJwks: source.kind === 'jwks',
      ...(source.kind === 'jwks' ? { jwksUri: terraformText(source.uri) } : { publicKeys: sortedKeys(source.keys) }),
      audiences: terraformTexts([...props.audiences].sort()),
      supportedAlgorithms: JWT_ALGORITHMS.filter((a) => props.algorithms.includes(a)),
      clockSkewLeeway: skew,
      userClaim: terraformText(props.userClaim ?? 'sub'),
      jwtType: props.jwtType ?? 'access_token',
      enabled: true,
      noDefaultPolicy: true,
      optionalAuthorizationDetails: props.optionalAuthorizationDetails !== undefined,
    });
    if (props.optionalAuthorizationDetails) suppressInDocument(this.resource, [{ rule: RULE_ID.RAR_OPTIONAL, reason: props.optionalAuthorizationDetails.reason }]);
  }
}

function sortedKeys(keys: readonly { readonly keyId: string; readonly pem: string }[]): { keyId: string; pem: string }[] {
  return sortedBy(keys, (k) => k.keyId).map((k) => ({ keyId: terraformText(k.keyId), pem: terraformText(k.pem) }));
}

function checkUrl(issues: Issues, field: string, value: string, check: (v: string) => { message: string; fix: string } | undefined): void {
  if (isToken(value)) return;
  const problem = check(value);
  if (problem) issues.add(`${field} ${problem.message}; ${problem.fix}`);
}

function checkKeySource(issues: Issues, source: ResourceServerKeySource, algorithms: readonly JwtAlgorithm[]): void {
  if (source.kind === 'jwks') {
    checkUrl(issues, 'keySource.uri', source.uri, checkJwksUri);
    return;
  }
  checkNonEmpty(issues, 'keySource.keys', source.keys, 'pin at least one public key, or use { kind: "jwks", uri }');
  checkUnique(issues, 'keySource.keys[].keyId', source.keys.map((k) => k.keyId));
  source.keys.forEach((key, i) => {
    if (isToken(key.pem)) return;
    const inspected = inspectPublicKeyPem(key.pem);
    if ('problem' in inspected) {
      issues.add(`keySource.keys[${i}].pem ${inspected.problem.message}; ${inspected.problem.fix}`);
    } else if (!algorithmsForKey(inspected.key).some((a) => algorithms.includes(a))) {
      issues.add(`keySource.keys[${i}].pem is ${describeKeyKind(inspected.key)}, which none of the algorithms (${algorithms.join(', ')}) verify`);
    }
  });
}

function checkAlgorithms(issues: Issues, algorithms: readonly JwtAlgorithm[]): void {
  checkNonEmpty(issues, 'algorithms', algorithms, 'list the algorithms the IdP signs with, e.g. ["ES256"]; the provider would otherwise accept all nine');
  checkUnique(issues, 'algorithms', algorithms);
  if (new Set(algorithms).size > MAX_JWT_ALGORITHMS) issues.add(`algorithms lists ${new Set(algorithms).size}; at most ${MAX_JWT_ALGORITHMS}: list only those the IdP signs with`);
  algorithms.forEach((a, i) => {
    if (!JWT_ALGORITHMS.includes(a)) issues.add(`algorithms[${i}] ${JSON.stringify(a)} must be one of ${JWT_ALGORITHMS.join(', ')}`);
  });
}
