/**
 * `AgentRegistryRecord`: registers an agent's identity entity in Vault's agent registry (Vault
 * Enterprise, `vault_agent_registration`) with the ceiling policies that cap it.
 *
 * Secure by construction: at least one ceiling policy and never `root`; Vault's default ceiling
 * policy is always switched off (`no_default_ceiling_policy = true`), because its contents are
 * Vault's, not reviewed here, and a ceiling must be exactly what the agent needs; RAR stays
 * mandatory (`optional_authorization_details = false`, written explicitly) unless
 * `optionalAuthorizationDetails: { reason }`; a ceiling naming policies outside the stack needs
 * `ceilingReason`. Reasons are written into the resource as in-document suppressions
 * (lib/checks/document-suppressions.ts), so `vault-a2a check` reports the exception with its
 * reason instead of failing. Creating one raises the stack's vault provider constraint to
 * `>= 5.10.1, < 6.0.0` (bindings).
 */
import { Construct } from 'constructs';
import { suppressInDocument, type DocumentSuppression } from '../checks/document-suppressions';
import { RULE_ID } from '../vault/rule-ids';
import { AgentRegistration } from './bindings';
import type { CeilingPolicy } from './ceiling-policy';
import type { IdentityEntity } from './identity-entity';
import { checkNonEmpty, checkReason, checkUnique, checkVaultName, isToken, Issues } from './validate';

export interface AgentRegistryRecordProps {
  /** Unique per namespace; the agent's name. */
  readonly displayName: string;
  /** The agent's identity entity, or the id of an existing one. */
  readonly entity: IdentityEntity | string;
  /** What caps the agent: ceiling constructs, or names of existing policies. At least one. */
  readonly ceiling: readonly (CeilingPolicy | string)[];
  /**
   * Required when `ceiling` names policies by name (policies this stack cannot show): why they
   * are the right cap. Carried into the resource as the reason of A2A-POLICY-UNKNOWN and
   * A2A-REGISTRY-CEILING-EXCESS findings.
   */
  readonly ceilingReason?: string;
  readonly owner?: string;
  readonly description?: string;
  /** RAR is mandatory unless this is given, with the reason shown in reports. */
  readonly optionalAuthorizationDetails?: { readonly reason: string };
}

export class AgentRegistryRecord extends Construct {
  readonly resource: AgentRegistration;
  /** The record id Vault generates (a reference). */
  readonly registrationId: string;

  constructor(scope: Construct, id: string, props: AgentRegistryRecordProps) {
    super(scope, id);
    const policies = props.ceiling.map((c) => (typeof c === 'string' ? c : c.policyName));
    const issues = new Issues();
    checkVaultName(issues, 'displayName', props.displayName);
    checkNonEmpty(issues, 'ceiling', policies, "name the policies that cap the agent; without them Vault applies its default ceiling, whose contents are not reviewed here");
    policies.forEach((p, i) => {
      checkVaultName(issues, `ceiling[${i}]`, p);
      if (p === 'root') issues.add(`ceiling[${i}] is "root", which allows everything and so caps nothing`);
    });
    checkUnique(issues, 'ceiling', policies);
    const named = props.ceiling.some((c) => typeof c === 'string');
    if (named && props.ceilingReason === undefined) issues.add('ceilingReason is required: ceiling names policies outside this stack, which no check can read; say why they are the right cap');
    if (props.ceilingReason !== undefined) checkReason(issues, 'ceilingReason', props.ceilingReason);
    checkText(issues, 'owner', props.owner);
    checkText(issues, 'description', props.description);
    if (props.optionalAuthorizationDetails) checkReason(issues, 'optionalAuthorizationDetails.reason', props.optionalAuthorizationDetails.reason);
    issues.throwIfAny(this);

    this.resource = new AgentRegistration(this, 'Default', {
      displayName: props.displayName,
      entityId: typeof props.entity === 'string' ? props.entity : props.entity.entityId,
      ceilingPolicies: policies,
      noDefaultCeilingPolicy: true,
      ...(props.owner !== undefined ? { owner: props.owner } : {}),
      ...(props.description !== undefined ? { description: props.description } : {}),
      optionalAuthorizationDetails: props.optionalAuthorizationDetails !== undefined,
    });
    this.registrationId = this.resource.id;
    const accepted: DocumentSuppression[] = [];
    if (props.optionalAuthorizationDetails) accepted.push({ rule: RULE_ID.RAR_OPTIONAL, reason: props.optionalAuthorizationDetails.reason });
    if (props.ceilingReason !== undefined) {
      accepted.push({ rule: RULE_ID.POLICY_UNKNOWN, reason: props.ceilingReason }, { rule: RULE_ID.REGISTRY_CEILING_EXCESS, reason: props.ceilingReason });
    }
    suppressInDocument(this.resource, accepted);
  }
}

/** Free text goes into Terraform strings: one line, no `${` or `%{` (Terraform templates). */
function checkText(issues: Issues, field: string, value: string | undefined): void {
  if (value === undefined || isToken(value)) return;
  if (value.includes('${') || value.includes('%{')) issues.add(`${field} contains "\${" or "%{", which Terraform would read as a template`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) issues.add(`${field} must be one line of text (no newlines or control characters)`);
}
