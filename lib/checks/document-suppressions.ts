/**
 * Suppressions carried by the checked document itself, like cdk-nag's suppressions in resource
 * metadata: a block's Terraform JSON comment (`"//"`, ignored by Terraform) may hold
 *
 *   "//": { "a2a_suppressions": [{ "rule": "A2A-RAR-OPTIONAL", "reason": "IdP cannot add RAR until IAM-412" }] }
 *
 * and every finding of that rule on that block is then reported as suppressed with the reason.
 * This is how a reason written in a topology (`optionalAuthorizationDetails: true` + `reason`)
 * reaches `vault-a2a check cdktf.out`, the Aspect and the matchers without a side file.
 *
 * An entry with an unknown rule or an empty reason suppresses nothing (the finding stays
 * visible). `cdktf synth --hcl` drops `//` comments, so check the JSON output.
 */
import type { TerraformElement } from 'cdktf';
import { isObject, METADATA_KEY } from '../analysis/json';
import type { SynthesizedStack } from '../analysis/stack';
import type { Suppression } from './suppressions';

export const DOCUMENT_SUPPRESSIONS_KEY = 'a2a_suppressions';

export interface DocumentSuppression {
  readonly rule: string;
  readonly reason: string;
}

/** The valid in-document suppressions of `stack`, each bound to its block's address. */
export function documentSuppressions(stack: SynthesizedStack, knownRules: ReadonlySet<string>): Suppression[] {
  const out: Suppression[] = [];
  for (const mode of ['resource', 'data'] as const) {
    const section = stack.document[mode];
    if (!isObject(section)) continue;
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) continue;
      for (const [name, raw] of Object.entries(byName)) {
        const body = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
        const comment = isObject(body) ? body[METADATA_KEY] : undefined;
        const entries = isObject(comment) ? comment[DOCUMENT_SUPPRESSIONS_KEY] : undefined;
        if (!Array.isArray(entries)) continue;
        const resource = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        for (const e of entries) {
          if (!isObject(e) || typeof e.rule !== 'string' || !knownRules.has(e.rule) || typeof e.reason !== 'string' || e.reason.trim() === '') continue;
          out.push({ rule: e.rule, resource, reason: e.reason.trim() });
        }
      }
    }
  }
  return out;
}

/** Writes `suppressions` into the element's `//` comment (replacing earlier ones written this way). */
export function suppressInDocument(element: TerraformElement, suppressions: readonly DocumentSuppression[]): void {
  if (suppressions.length === 0) return;
  element.addOverride(`${METADATA_KEY}.${DOCUMENT_SUPPRESSIONS_KEY}`, suppressions.map((s) => ({ rule: s.rule, reason: s.reason })));
}
