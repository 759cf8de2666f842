/** Every built-in rule, in the order reports and docs list them. */
import type { Rule } from '../rule';
import { assignmentAllowAll } from './assignment-allow-all';
import { auditRequired } from './audit-required';
import { auditSecrets } from './audit-secrets';
import { delegationBound } from './delegation-bound';
import { exchangeMayAct } from './exchange-mayact';
import { exchangeNonActor } from './exchange-non-actor';
import { exchangeUnbound } from './exchange-unbound';
import { intentExcess } from './intent-excess';
import { intentMissing } from './intent-missing';
import { intentTarget } from './intent-target';
import { keyRotation } from './key-rotation';
import { keyWildcard } from './key-wildcard';
import { loginApproleBinding } from './login-approle-binding';
import { loginApproleSecretId } from './login-approle-secret-id';
import { loginCertBinding } from './login-cert-binding';
import { loginJwtBinding } from './login-jwt-binding';
import { loginKubernetesBinding } from './login-kubernetes-binding';
import { mayActExcess } from './mayact-excess';
import { mayActGroupReach } from './mayact-group-reach';
import { modelUnreadable } from './model-unreadable';
import { outputSecret } from './output-secret';
import { profileAlgorithms } from './profile-algorithms';
import { profileAudience } from './profile-audience';
import { profileClockSkew } from './profile-clock-skew';
import { profileDisabled } from './profile-disabled';
import { profileJwksHttps } from './profile-jwks-https';
import { policyGlob } from './policy-glob';
import { policyGlobReach } from './policy-glob-reach';
import { policyParse } from './policy-parse';
import { policyRoot } from './policy-root';
import { policySudo } from './policy-sudo';
import { policySys } from './policy-sys';
import { policyTokenCreate } from './policy-token-create';
import { policyUnknown } from './policy-unknown';
import { providerHttps } from './provider-https';
import { providerFloor } from './provider-floor';
import { providerScopeExcess } from './provider-scope-excess';
import { providerShared } from './provider-shared';
import { providerWildcard } from './provider-wildcard';
import { rarOptional } from './rar-optional';
import { referenceCycle } from './reference-cycle';
import { registryCeilingExcess } from './registry-ceiling-excess';
import { registryEntityExcess } from './registry-entity-excess';
import { registryNoCeiling } from './registry-no-ceiling';
import { reservedClaim } from './reserved-claim';
import { scopeClaimCollision } from './scope-claim-collision';
import { templateInvalid } from './template-invalid';
import { ttlIdentityToken } from './ttl-identity-token';
import { ttlLoginToken } from './ttl-login-token';
import { ttlOidcToken } from './ttl-oidc-token';

export const RULES: readonly Rule[] = [
  // The model reads every block, or says what it cannot read; then each principal's access is
  // compared with the topology's (when the check has one).
  modelUnreadable,
  intentExcess,
  intentMissing,
  intentTarget,
  keyWildcard,
  keyRotation,
  providerWildcard,
  assignmentAllowAll,
  providerShared,
  providerScopeExcess,
  scopeClaimCollision,
  reservedClaim,
  templateInvalid,
  policyParse,
  policyGlobReach,
  policyGlob,
  policySudo,
  policySys,
  policyTokenCreate,
  policyRoot,
  policyUnknown,
  ttlOidcToken,
  ttlIdentityToken,
  ttlLoginToken,
  loginKubernetesBinding,
  loginJwtBinding,
  loginApproleBinding,
  loginApproleSecretId,
  loginCertBinding,
  outputSecret,
  providerHttps,
  referenceCycle,
  // Vault Enterprise agent registry and resource-server profiles (scenario 5).
  rarOptional,
  registryNoCeiling,
  registryCeilingExcess,
  registryEntityExcess,
  profileAudience,
  profileJwksHttps,
  profileClockSkew,
  profileAlgorithms,
  profileDisabled,
  providerFloor,
  mayActExcess,
  mayActGroupReach,
  exchangeUnbound,
  exchangeMayAct,
  exchangeNonActor,
  delegationBound,
  // The audit trail (issue #13).
  auditRequired,
  auditSecrets,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
