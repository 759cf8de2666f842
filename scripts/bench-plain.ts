/**
 * The plain-CDKTF baseline of `npm run bench`: the very resources `vault-a2a synth` writes, created
 * the way a plain CDKTF user would write them: with @cdktf/provider-vault's typed classes
 * (`new Policy(stack, id, { name, policy })`), references as the classes' typed attributes
 * (`policy.name`, `entity.id`), a `VaultProvider`, a `LocalBackend`, `TerraformOutput`s, and
 * `app.synth()`. No checks, no topology: what CDKTF itself costs for this stack.
 *
 *   node dist/scripts/bench-plain.js <input.json> <outdir>
 *
 * The input is the stack's configuration as data (our cdk.tf.json without its `//` comments):
 * the user's "config file". The bench compares the JSON this writes with ours (comments aside),
 * so the baseline provably synthesizes the same resources.
 */
import * as fs from 'fs';
import { anyToTerraform, App, hashMapper, LocalBackend, TerraformOutput, TerraformResource, TerraformStack, Token } from 'cdktf';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Attributes whose value is a map: its keys are data, not argument names. */
const MAP_ATTRIBUTES = new Set(['metadata', 'custom_metadata', 'alias_metadata', 'bound_claims', 'claim_mappings', 'data_json', 'headers', 'triggers_replace', 'options']);

const camel = (snake: string): string => snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pascal = (kebab: string): string => kebab.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

/** `vault_identity_oidc_client` → the typed class `IdentityOidcClient`; data sources → `DataVault…`. */
function typedClass(kind: 'resource' | 'data', type: string): new (scope: TerraformStack, id: string, config: object) => TerraformResource {
  // Terraform's own terraform_data, written as vault-a2a writes it (lib/constructs/oidc-client.ts):
  // cdktf's DataResource would run `terraform version` once per instance when validating, which
  // would measure process starts, not CDKTF.
  if (kind === 'resource' && type === 'terraform_data') return TerraformData;
  const kebab = type.replace(/^vault_/, '').replace(/_/g, '-');
  const module = kind === 'resource' ? kebab : `data-vault-${kebab}`;
  const exports = require(`@cdktf/provider-vault/lib/${module}`) as Record<string, unknown>;
  const name = kind === 'resource' ? pascal(kebab) : `DataVault${pascal(kebab)}`;
  const cls = exports[name];
  if (typeof cls !== 'function') throw new Error(`no typed class ${name} for ${type}`);
  return cls as new (scope: TerraformStack, id: string, config: object) => TerraformResource;
}

/** `terraform_data` with its `triggers_replace`, as cdktf's DataResource synthesizes it. */
class TerraformData extends TerraformResource {
  private readonly triggers: unknown;

  constructor(scope: TerraformStack, id: string, config: object) {
    super(scope, id, { terraformResourceType: 'terraform_data' });
    this.triggers = (config as { triggersReplace?: unknown }).triggersReplace;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggers) };
  }
}

const REFERENCE = /^\$\{((?:data\.)?[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([a-z0-9_]+)\}$/;

/** Config in the typed classes' camelCase, references replaced by the referenced object's typed attribute. */
function toConfig(value: Json, created: ReadonlyMap<string, TerraformResource>, keepKeys = false): unknown {
  if (typeof value === 'string') {
    const m = REFERENCE.exec(value);
    if (!m) return value;
    const target = created.get(m[1]!);
    if (!target) throw new Error(`reference to ${m[1]} before it was created`);
    const attribute = (target as unknown as Record<string, unknown>)[camel(m[2]!)];
    if (attribute === undefined) throw new Error(`${m[1]} has no typed attribute ${camel(m[2]!)}`);
    return Token.asString(attribute);
  }
  if (Array.isArray(value)) return value.map((v) => toConfig(v, created));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '//') continue;
      out[keepKeys ? k : camel(k)] = toConfig(v, created, !keepKeys && MAP_ATTRIBUTES.has(k));
    }
    return out;
  }
  return value;
}

function referencesOf(value: Json, out: Set<string>): Set<string> {
  if (typeof value === 'string') {
    const m = REFERENCE.exec(value);
    if (m) out.add(m[1]!);
  } else if (Array.isArray(value)) value.forEach((v) => referencesOf(v, out));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => referencesOf(v, out));
  return out;
}

interface Block {
  readonly kind: 'resource' | 'data';
  readonly type: string;
  readonly name: string;
  readonly address: string;
  readonly body: JsonObject;
}

/** Blocks in an order where every reference points to a block created before it. */
function inDependencyOrder(doc: JsonObject): Block[] {
  const blocks = new Map<string, Block>();
  for (const kind of ['data', 'resource'] as const) {
    for (const [type, byName] of Object.entries((doc[kind] ?? {}) as JsonObject)) {
      for (const [name, body] of Object.entries(byName as JsonObject)) {
        const address = kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
        blocks.set(address, { kind, type, name, address, body: body as JsonObject });
      }
    }
  }
  const ordered: Block[] = [];
  const done = new Set<string>();
  const visit = (block: Block): void => {
    if (done.has(block.address)) return;
    done.add(block.address);
    for (const dep of referencesOf(block.body, new Set())) {
      const target = blocks.get(dep);
      if (target) visit(target);
    }
    ordered.push(block);
  };
  for (const block of blocks.values()) visit(block);
  return ordered;
}

function main(): void {
  const [input, outdir] = process.argv.slice(2);
  if (!input || !outdir) throw new Error('usage: bench-plain <input.json> <outdir>');
  const doc = JSON.parse(fs.readFileSync(input, 'utf8')) as JsonObject;
  const stackName = ((doc['//'] as JsonObject | undefined)?.metadata as JsonObject | undefined)?.stackName;
  const app = new App({ outdir });
  const stack = new TerraformStack(app, typeof stackName === 'string' ? stackName : 'plain');
  const terraform = doc.terraform as JsonObject;
  const backendPath = ((terraform.backend as JsonObject).local as JsonObject).path as string;
  new LocalBackend(stack, { path: backendPath });
  const provider = ((doc.provider as JsonObject).vault as JsonObject[])[0]!;
  new VaultProvider(stack, 'vault', toConfig(provider, new Map()) as { address: string });

  const created = new Map<string, TerraformResource>();
  const classes = new Map<string, ReturnType<typeof typedClass>>();
  for (const block of inDependencyOrder(doc)) {
    const key = `${block.kind}:${block.type}`;
    let cls = classes.get(key);
    if (!cls) classes.set(key, (cls = typedClass(block.kind, block.type)));
    const resource = new cls(stack, block.name, toConfig(block.body, created) as object);
    created.set(block.address, resource);
  }
  for (const [name, output] of Object.entries((doc.output ?? {}) as JsonObject)) {
    const o = output as JsonObject;
    new TerraformOutput(stack, name, {
      value: toConfig(o.value!, created, true),
      ...(typeof o.description === 'string' ? { description: o.description } : {}),
      ...(o.sensitive === true ? { sensitive: true } : {}),
    }).overrideLogicalId(name);
  }
  app.synth();
}

main();
