/**
 * HCL output for CDKTF stacks: the stack's synthesized Terraform JSON written as HCL by
 * `lib/terraform/hcl-writer.ts` (see there why cdktf's own renderer is not used).
 *
 * The one thing the JSON does not say is which keys are nested blocks. The generated provider
 * bindings know: each element's `toHclTerraform()` flags every attribute it renders with
 * `isBlock` (`is_block` for providers). That is the same information cdktf's renderer uses, read
 * here only for the flags; the values come from the JSON.
 */
import { TerraformElement, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { writeHcl, type BlockSchema, type HclSchema } from '../terraform/hcl-writer';
import { own, setOwn } from '../vault/own';

interface MutableSchema {
  readonly blocks: Map<string, MutableSchema>;
  readonly attributes: Set<string>;
}

/** The stack's Terraform JSON as HCL, and the metadata cdktf writes next to `cdk.tf`. */
export function stackHcl(stack: TerraformStack): { hcl: string; metadata: Record<string, unknown> } {
  const json = stack.toTerraform() as Record<string, unknown>;
  return { hcl: writeHcl(json, hclSchemaOf(stack)), metadata: hclMetadata(json) };
}

/** Block flags of every resource, data source and provider in the stack (not in nested stacks). */
export function hclSchemaOf(stack: TerraformStack): HclSchema {
  const resource = new Map<string, MutableSchema>();
  const data = new Map<string, MutableSchema>();
  const provider = new Map<string, MutableSchema>();
  for (const element of stackElements(stack)) {
    const fragment = element.toHclTerraform() as Record<string, unknown>;
    for (const [kind, into] of [['resource', resource], ['data', data]] as const) {
      for (const [type, byName] of objectEntries(fragment[kind])) {
        for (const [, body] of objectEntries(byName)) mergeBody(schemaFor(into, type), body);
      }
    }
    for (const [name, configs] of objectEntries(fragment.provider)) {
      for (const config of Array.isArray(configs) ? configs : [configs]) mergeBody(schemaFor(provider, name), config);
    }
  }
  for (const [type, attributes] of Object.entries(BUILTIN_ATTRIBUTES)) {
    const schema = resource.get(type);
    if (schema) for (const attribute of attributes) schema.attributes.add(attribute);
  }
  return { resource, data, provider };
}

/**
 * Terraform's built-in resources have no generated bindings to flag their attributes, and the
 * few in our stacks take objects (`terraform_data.triggers_replace`, its `input`): both are
 * attributes of any type, never nested blocks (terraform.io/builtin/terraform schema).
 */
const BUILTIN_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  terraform_data: ['input', 'triggers_replace'],
};

/** The Terraform elements of `stack`, in construct order, not those of stacks nested in it (as cdktf collects them). */
export function stackElements(stack: TerraformStack): TerraformElement[] {
  const found: TerraformElement[] = [];
  const visit = (node: IConstruct): void => {
    if (TerraformElement.isTerraformElement(node)) found.push(node);
    for (const child of node.node.children) if (!TerraformStack.isStack(child)) visit(child);
  };
  visit(stack);
  return found;
}

function schemaFor(map: Map<string, MutableSchema>, key: string): MutableSchema {
  let schema = map.get(key);
  if (!schema) map.set(key, (schema = { blocks: new Map(), attributes: new Set() }));
  return schema;
}

/** Records, from one rendered body, which keys are blocks (recursively) and which attributes. */
function mergeBody(schema: MutableSchema, body: unknown): void {
  for (const [key, entry] of objectEntries(body)) {
    if (!isMeta(entry)) continue;
    const flag = entry.isBlock ?? entry.is_block;
    if (flag === true) {
      const nested = schemaFor(schema.blocks, key);
      const value = entry.value;
      for (const item of Array.isArray(value) ? value : [value]) mergeBody(nested, item);
    } else if (flag === false) {
      schema.attributes.add(key);
    }
  }
}

interface Meta {
  readonly value?: unknown;
  readonly isBlock?: boolean;
  readonly is_block?: boolean;
}

function isMeta(entry: unknown): entry is Meta {
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry) && ('isBlock' in entry || 'is_block' in entry);
}

function objectEntries(value: unknown): [string, unknown][] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}

/** What cdktf writes to the stack's metadata file in HCL mode: the `//` entries of the JSON. */
function hclMetadata(json: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { '//': json['//'] };
  for (const kind of ['resource', 'data']) {
    for (const [type, byName] of objectEntries(json[kind])) {
      for (const [name, body] of objectEntries(byName)) {
        const comment = (body as Record<string, unknown>)['//'];
        if (comment === undefined) continue;
        // Types and names as own members (a name every object inherits is a name like any other).
        const byType = (out[kind] ??= {}) as Record<string, Record<string, unknown>>;
        const byName = own(byType, type) ?? {};
        setOwn(byType, type, byName);
        setOwn(byName, name, { '//': comment });
      }
    }
  }
  if (json.terraform !== undefined) out.terraform = json.terraform;
  return out;
}

export type { BlockSchema, HclSchema };
