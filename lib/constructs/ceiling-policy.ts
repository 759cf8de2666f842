/**
 * `CeilingPolicy`: the Vault ACL policy (`vault_policy`) that caps a registered agent in Vault's
 * agent registry. Rendered like `AgentPolicy` (exact paths, one `# reason` per stanza) but with
 * two differences that follow from what a ceiling is:
 * - no wildcards and no `sudo`, ever: a ceiling is the most an agent may do, so it must be as
 *   narrow as the agent's grants, not an escape hatch;
 * - no rules is allowed and means "nothing": the document then has no path stanzas, and an ACL
 *   without paths denies every request (Vault accepts such a document: it only rejects an empty
 *   string). An empty ceiling *list* on the registration would instead let Vault apply its default
 *   ceiling, or none.
 */
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import type { PolicyRule } from '../plan/types';
import { renderPolicyDocument, validatePolicyRules } from './policy-document';
import { checkNotReserved, checkVaultName, Issues } from './validate';

export interface CeilingPolicyProps {
  readonly name: string;
  /** The registered agent this ceiling caps (named in the document's header comment). */
  readonly agent: string;
  /** Exactly the agent's grants; empty for an agent that may do nothing in Vault. */
  readonly rules: readonly PolicyRule[];
}

/** The document text `CeilingPolicy` writes; pure, so reports and tests can compute it too. */
export function renderCeilingDocument(agent: string, rules: readonly PolicyRule[]): string {
  if (rules.length === 0) {
    return [
      `# Agent registry ceiling of "${agent}": it holds no Vault grants, so this ceiling allows nothing.`,
      '# (No path stanzas: an ACL policy without paths denies every request.)',
      '',
    ].join('\n');
  }
  return `# Agent registry ceiling of "${agent}": exactly its grants, nothing more.\n\n${renderPolicyDocument(rules)}`;
}

export class CeilingPolicy extends Construct {
  readonly resource: Policy;
  /** The policy name as a reference, so a registration naming it is created after it. */
  readonly policyName: string;
  /** The HCL document as written to Vault. */
  readonly document: string;

  constructor(scope: Construct, id: string, props: CeilingPolicyProps) {
    super(scope, id);
    const issues = new Issues();
    checkVaultName(issues, 'name', props.name);
    checkNotReserved(issues, 'name', props.name, ['root', 'default']);
    checkVaultName(issues, 'agent', props.agent);
    if (props.rules.length > 0) validatePolicyRules(props.rules).forEach((i) => issues.add(i));
    props.rules.forEach((rule, i) => {
      if (rule.capabilities.includes('sudo')) issues.add(`rules[${i}] grants sudo on ${JSON.stringify(rule.path)}; a ceiling never allows sudo`);
    });
    issues.throwIfAny(this);

    this.document = renderCeilingDocument(props.agent, props.rules);
    this.resource = new Policy(this, 'Default', { name: props.name, policy: this.document });
    this.policyName = this.resource.name;
  }
}
