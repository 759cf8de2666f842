/**
 * One synthesized Terraform root module (`cdk.tf.json`), read into blocks with references
 * resolved. Accepts the JSON of any producer: CDKTF (ours or hand-written), hand-written
 * `*.tf.json`, other teams' generators.
 */
import { isObject, Json, JsonObject, METADATA_KEY } from './json';
import { Block, dependencyGraph, RawBlock, Resolver } from './references';
import { compareStrings } from '../vault/order';

export interface OutputBlock {
  readonly name: string;
  readonly address: string;
  /** As written (unresolved): the secret-in-output rule looks at what it references. */
  readonly value: Json;
  readonly sensitive: boolean;
}

/**
 * A synthesized root module as the analysis reads it. Not cdktf's `TerraformStack` (the construct
 * that produces such a module), hence the name.
 */
export interface SynthesizedStack {
  /** Stack name: CDKTF's `//.metadata.stackName`, else the directory name, else "stack". */
  readonly name: string;
  /** File it was read from, when read from disk. */
  readonly file?: string;
  readonly blocks: ReadonlyMap<string, Block>;
  readonly outputs: readonly OutputBlock[];
  /** Block address → addresses it refers to. */
  readonly dependencies: ReadonlyMap<string, readonly string[]>;
  /** The document as read, for reporters that locate resources in the file. */
  readonly document: JsonObject;
}

/** @deprecated Renamed `SynthesizedStack`: cdktf's `TerraformStack` is a different thing. */
export type TerraformStack = SynthesizedStack;

export class StackShapeError extends Error {
  constructor(
    readonly problems: readonly string[],
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}not a Terraform JSON configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'StackShapeError';
  }
}

export function readStack(json: unknown, source: { readonly name?: string; readonly file?: string } = {}): SynthesizedStack {
  const problems: string[] = [];
  if (!isObject(json)) throw new StackShapeError(['the top level must be a JSON object'], source.file);
  const raw = new Map<string, RawBlock>();
  readBlocks(json.resource, 'resource', raw, problems);
  readBlocks(json.data, 'data', raw, problems);
  const outputs: OutputBlock[] = [];
  if (json.output !== undefined) {
    if (!isObject(json.output)) problems.push('"output" must be an object of outputs');
    else
      for (const [name, body] of Object.entries(json.output)) {
        if (name === METADATA_KEY) continue;
        if (!isObject(body)) {
          problems.push(`output.${name} must be an object`);
          continue;
        }
        outputs.push({ name, address: `output.${name}`, value: body.value ?? null, sensitive: body.sensitive === true });
      }
  }
  if (problems.length > 0) throw new StackShapeError(problems, source.file);

  const resolver = new Resolver(raw);
  const blocks = new Map<string, Block>();
  // The default sort orders strings by UTF-16 code units, as compareStrings does, without a call per comparison.
  for (const address of [...raw.keys()].sort()) {
    const block = raw.get(address)!;
    blocks.set(address, { address, mode: block.mode, type: block.type, name: block.name, config: block.config, resolved: resolver.resolveObject(block.config) });
  }
  return {
    name: source.name ?? stackNameOf(json) ?? 'stack',
    ...(source.file ? { file: source.file } : {}),
    blocks,
    outputs: outputs.sort((a, b) => compareStrings(a.name, b.name)),
    dependencies: dependencyGraph(raw),
    document: json,
  };
}

function stackNameOf(json: JsonObject): string | undefined {
  const meta = json[METADATA_KEY];
  if (!isObject(meta) || !isObject(meta.metadata)) return undefined;
  const name = meta.metadata.stackName;
  return typeof name === 'string' ? name : undefined;
}

function readBlocks(section: Json | undefined, mode: 'resource' | 'data', out: Map<string, RawBlock>, problems: string[]): void {
  if (section === undefined) return;
  if (!isObject(section)) {
    problems.push(`"${mode}" must be an object of <type>.<name> blocks`);
    return;
  }
  for (const [type, byName] of Object.entries(section)) {
    if (type === METADATA_KEY) continue;
    if (!isObject(byName)) {
      problems.push(`${mode}.${type} must be an object of named blocks`);
      continue;
    }
    for (const [name, body] of Object.entries(byName)) {
      if (name === METADATA_KEY) continue;
      // Terraform JSON also allows a one-element array for a block body.
      const config = Array.isArray(body) && body.length === 1 && isObject(body[0]) ? body[0] : body;
      if (!isObject(config)) {
        problems.push(`${mode}.${type}.${name} must be an object`);
        continue;
      }
      const address = mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`;
      out.set(address, { address, mode, type, name, config });
    }
  }
}

const BY_TYPE = Symbol('blocks by mode and type');

/**
 * The same stack, its blocks grouped by mode and type in one pass, for a reader that asks
 * `blocksOfType` for many types (building the model asks for about thirty, each a pass over
 * every block). The groups are made from the blocks as they are when it is called; the view is
 * meant to live as long as that one reading.
 */
export function indexedByType(stack: SynthesizedStack): SynthesizedStack {
  const index = new Map<string, Block[]>();
  for (const block of stack.blocks.values()) {
    const key = `${block.mode} ${block.type}`;
    const group = index.get(key);
    if (group) group.push(block);
    else index.set(key, [block]);
  }
  return Object.assign({ ...stack }, { [BY_TYPE]: index });
}

/** Resolved blocks of one type, sorted by address. */
export function blocksOfType(stack: SynthesizedStack, type: string, mode: 'resource' | 'data' = 'resource'): Block[] {
  const index = (stack as { readonly [BY_TYPE]?: ReadonlyMap<string, readonly Block[]> })[BY_TYPE];
  if (index) return [...(index.get(`${mode} ${type}`) ?? [])];
  const out: Block[] = [];
  for (const block of stack.blocks.values()) if (block.type === type && block.mode === mode) out.push(block);
  return out;
}
