/**
 * Helpers to synthesize constructs in tests and read the Terraform JSON back as data.
 */
import { Testing, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';

export interface TerraformJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { readonly value: unknown; readonly description?: string; readonly sensitive?: boolean }>;
  readonly provider?: Record<string, unknown[]>;
  readonly terraform?: Record<string, unknown>;
}

/** Builds constructs in a fresh stack and returns its Terraform JSON (cdktf's test synth). */
export function synthStack(build: (scope: Construct) => void): TerraformJson {
  const stack = new TerraformStack(Testing.app(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack)) as TerraformJson;
}

/** The bodies of all resources of `type`, in name order. */
export function resources(json: TerraformJson, type: string): Record<string, unknown>[] {
  const byName = json.resource?.[type] ?? {};
  return Object.keys(byName)
    .sort()
    .map((k) => byName[k]);
}

/** The one resource of `type`; fails the test if there are zero or several. */
export function onlyResource(json: TerraformJson, type: string): Record<string, unknown> {
  const all = resources(json, type);
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Resource type → count, for asserting the exact shape of a synthesized stack. */
export function resourceCounts(json: TerraformJson): Record<string, number> {
  return Object.fromEntries(Object.entries(json.resource ?? {}).map(([type, byName]) => [type, Object.keys(byName).length]));
}

/** `${type.name.attr}` for the one resource of `type`, to compare references. */
export function refTo(json: TerraformJson, type: string, attr: string): string {
  const names = Object.keys(json.resource?.[type] ?? {});
  if (names.length !== 1) throw new Error(`expected exactly one ${type}, found ${names.length}`);
  return `\${${type}.${names[0]}.${attr}}`;
}
