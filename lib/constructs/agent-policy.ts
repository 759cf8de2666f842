/**
 * `AgentPolicy`: a Vault ACL policy (`vault_policy`) rendered from `PolicyRule`s by
 * `renderPolicyDocument`: exact paths, one `# reason` per stanza, deterministic text. Wildcard
 * paths need `allowWildcard: { reason }`. The built-in `root` and `default` policies cannot be
 * replaced (`default` is attached to every token, so editing it widens everyone).
 */
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import type { PolicyRule } from '../plan/types';
import { renderPolicyDocument, validatePolicyRules } from './policy-document';
import { checkNotReserved, checkVaultName, Issues } from './validate';

export interface AgentPolicyProps {
  readonly name: string;
  readonly rules: readonly PolicyRule[];
  /** Allows `*` (last character) and `+` (whole segment) in paths; the reason heads the document. */
  readonly allowWildcard?: { readonly reason: string };
}

export class AgentPolicy extends Construct {
  readonly resource: Policy;
  /** The policy name as a reference, so login roles attaching it are created after it. */
  readonly policyName: string;
  /** The HCL document as written to Vault. */
  readonly document: string;

  constructor(scope: Construct, id: string, props: AgentPolicyProps) {
    super(scope, id);
    const options = props.allowWildcard ? { allowWildcard: props.allowWildcard } : {};
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkNotReserved(issues, 'name', props.name, ['root', 'default']);
    validatePolicyRules(props.rules, options).forEach((i) => issues.add(i));
    issues.throwIfAny(this);

    this.document = renderPolicyDocument(props.rules, options);
    this.resource = new Policy(this, 'Default', { name: props.name, policy: this.document });
    this.policyName = this.resource.name;
  }
}
