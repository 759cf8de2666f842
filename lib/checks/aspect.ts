/**
 * LeastPrivilegeAspect: fails synthesis when a stack has an unsuppressed error-level finding;
 * warnings become construct warnings.
 *
 * Design: Aspects are synchronous and run top-down before other Aspects have finished changing
 * the tree. So the Aspect only registers a validation on each stack it visits; CDKTF runs
 * validations after every Aspect (in `app.synth()`, and in `Testing.synth(stack, true)`), and
 * the validation checks the stack's final Terraform JSON with the synchronous path
 * (`checkStackSync`: the same rules and the same HashiCorp HCL parser as `vault-a2a check`).
 * Like every CDKTF validation it is skipped when the App is created with `skipValidation`.
 */
import { Annotations, IAspect, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { analyzeStacksSync, CheckOptions } from './check';
import type { Finding } from './rule';
import { readStack } from '../analysis/stack';

export interface LeastPrivilegeAspectOptions extends CheckOptions {}

export class LeastPrivilegeAspect implements IAspect {
  private readonly registered = new WeakSet<TerraformStack>();

  constructor(private readonly options: LeastPrivilegeAspectOptions = {}) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.registered.has(node)) return;
    this.registered.add(node);
    node.node.addValidation({ validate: () => this.validate(node) });
  }

  /**
   * The findings this Aspect's validation judges `stack` by, suppressed ones included and marked:
   * for callers that need them as data (`vault-a2a validate` maps them back to the topology).
   */
  findings(stack: TerraformStack): readonly Finding[] {
    const json = stack.toTerraform() as unknown;
    const [analysis] = analyzeStacksSync(readStack(json, { name: stack.node.id }), this.options);
    return analysis!.findings;
  }

  /** Error messages for unsuppressed errors; warnings are attached as construct warnings. */
  private validate(stack: TerraformStack): string[] {
    const errors: string[] = [];
    for (const f of this.findings(stack)) {
      if (f.suppressed) continue;
      const line = `[${f.rule}] ${f.resource}: ${f.message}. Fix: ${f.fix}`;
      if (f.severity === 'error') errors.push(line);
      else Annotations.of(stack).addWarning(line);
    }
    return errors;
  }
}
