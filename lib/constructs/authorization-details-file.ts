/**
 * `AuthorizationDetailsFile`: writes a text file next to the stack's `cdk.tf.json`
 * (`<outdir>/stacks/<stack>/<fileName>`) whenever the stack is synthesized, by `cdktf synth`,
 * `vault-a2a synth` or `app.synth()` alike, in JSON and HCL mode.
 *
 * How: cdktf's own hook for constructs that add files to a stack's output (`addCustomSynthesis`,
 * which `TerraformAsset` uses). Every `StackSynthesizer` calls it after aspects and validations,
 * with the session's output directory and manifest, so the file lands exactly where the stack's
 * Terraform configuration does, whichever synthesizer instance the stack has (lib/app.ts swaps
 * it for HCL output). No post-processing step is needed. In-memory synthesis (`Testing.synth`)
 * writes nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, type ISynthesisSession } from 'cdktf';
// Not re-exported by the package index (like StackSynthesizer in lib/app.ts); cdktf 0.21.0 is
// the last release, so the path is stable.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { Construct } from 'constructs';
import { Issues } from './validate';

export interface AuthorizationDetailsFileProps {
  /** A plain file name such as `authorization-details.json` (no directories). */
  readonly fileName: string;
  readonly text: string;
}

export class AuthorizationDetailsFile extends Construct {
  readonly fileName: string;
  readonly text: string;

  constructor(scope: Construct, id: string, props: AuthorizationDetailsFileProps) {
    super(scope, id);
    const issues = new Issues();
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(props.fileName) || props.fileName === 'cdk.tf.json' || props.fileName === 'cdk.tf') {
      issues.add(`fileName ${JSON.stringify(props.fileName)} must be a plain file name next to cdk.tf.json (letters, digits, ".", "_", "-"), not the stack file itself`);
    }
    issues.throwIfAny(this);
    this.fileName = props.fileName;
    this.text = props.text;
    const stack = TerraformStack.of(this);
    addCustomSynthesis(this, {
      onSynthesize: (session: ISynthesisSession) => {
        const stackFile = path.join(session.outdir, session.manifest.forStack(stack).synthesizedStackPath);
        fs.mkdirSync(path.dirname(stackFile), { recursive: true });
        fs.writeFileSync(path.join(path.dirname(stackFile), this.fileName), this.text);
      },
    });
  }
}
