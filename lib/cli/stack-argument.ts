/**
 * Reading a `<stack>` argument: a `cdk.tf.json` (or any `*.tf.json`) file, a stack directory or
 * a `cdktf.out` directory, relative to the command's working directory. Problems are returned,
 * not thrown, so a command with two stack arguments reports every problem of both at once.
 */
import { loadStacks, StackLoadError } from '../analysis/load';
import type { SynthesizedStack } from '../analysis/stack';
import type { CliIo } from './io';

/** Top-level keys of a Terraform JSON configuration; a document with none of them is something else. */
const TERRAFORM_KEYS = ['resource', 'data', 'output', 'provider', 'terraform', 'variable', 'locals', 'module'];

export type StackArgument = { readonly ok: true; readonly stacks: readonly SynthesizedStack[] } | { readonly ok: false; readonly problems: readonly string[] };

export function readStackArgument(input: string, io: CliIo): StackArgument {
  if (/\.(ya?ml)$/i.test(input)) {
    return {
      ok: false,
      problems: [`${input}: a topology file, not a synthesized stack. Fix: run \`vault-a2a synth ${input} --out cdktf.out\` and pass cdktf.out`],
    };
  }
  let stacks: SynthesizedStack[];
  try {
    stacks = loadStacks([input], io.cwd);
  } catch (err) {
    if (!(err instanceof StackLoadError)) throw err;
    return { ok: false, problems: err.problems };
  }
  const problems = stacks
    .filter((s) => !TERRAFORM_KEYS.some((k) => k in s.document))
    .map((s) => `${s.file ?? input}: not a Terraform JSON configuration (no ${TERRAFORM_KEYS.slice(0, 5).join(', ')} block). Fix: pass the cdk.tf.json that \`vault-a2a synth\` or \`cdktf synth\` wrote`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, stacks };
}
