/**
 * Finds where a Terraform address is written in a `cdk.tf.json`, for SARIF regions, from the
 * positions of its keys down to `<section>.<type>.<name>` (lib/analysis/json-position.ts).
 */
import type { TextPosition } from '../../analysis/json-position';

export { indexJsonKeys, type TextPosition } from '../../analysis/json-position';

/** `vault_policy.x` → resource/vault_policy/x; `data.a.b` → data/a/b; `output.o` → output/o. */
export function keyPathOf(address: string): string[] {
  const parts = address.split('.');
  if (parts[0] === 'data') return ['data', parts[1]!, parts.slice(2).join('.')];
  if (parts[0] === 'output') return ['output', parts.slice(1).join('.')];
  return ['resource', parts[0]!, parts.slice(1).join('.')];
}

export function locate(index: ReadonlyMap<string, TextPosition>, address: string): TextPosition | undefined {
  return index.get(keyPathOf(address).join('\u0000'));
}
