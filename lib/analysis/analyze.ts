/**
 * A stack's model and effective access: parse its policies → model → effective access. What the
 * checks run their rules on, and all that reports and diffs need. Policies are parsed with
 * HashiCorp's HCL parser, asynchronously or synchronously (same parser, see hcl.ts).
 */
import { computeEffectiveAccess } from './access';
import type { EffectiveAccess } from './access-types';
import { parsePolicyText, parsePolicyTextSync } from './hcl';
import type { StackModel } from './model';
import { buildModel, policySources } from './model-build';
import type { PolicyParseResult } from './policy-document';
import type { SynthesizedStack } from './stack';

export interface StackAccess {
  readonly model: StackModel;
  readonly access: EffectiveAccess;
}

/** Each literal policy document of `stack`, parsed, by the policy's address. */
export async function parsePolicies(
  stack: SynthesizedStack,
  parse: (name: string, text: string) => Promise<PolicyParseResult> = parsePolicyText,
): Promise<Map<string, PolicyParseResult>> {
  const parsed = new Map<string, PolicyParseResult>();
  for (const source of policySources(stack)) parsed.set(source.address, await parse(source.name, source.text));
  return parsed;
}

export function parsePoliciesSync(stack: SynthesizedStack): Map<string, PolicyParseResult> {
  const parsed = new Map<string, PolicyParseResult>();
  for (const source of policySources(stack)) parsed.set(source.address, parsePolicyTextSync(source.name, source.text));
  return parsed;
}

/** The model and effective access of `stack`, given its parsed policies. */
export function accessOf(stack: SynthesizedStack, parsed: ReadonlyMap<string, PolicyParseResult>): StackAccess {
  const model = buildModel(stack, parsed);
  return { model, access: computeEffectiveAccess(model) };
}

/**
 * The model and effective access of one stack, without running any rule. `parse` parses one
 * policy document (default: the HCL parser); pass a memoizing one when analysing many variants
 * of a stack.
 */
export async function stackAccess(
  stack: SynthesizedStack,
  parse: (name: string, text: string) => Promise<PolicyParseResult> = parsePolicyText,
): Promise<StackAccess> {
  return accessOf(stack, await parsePolicies(stack, parse));
}
