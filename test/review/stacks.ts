/**
 * Synthesized stacks for the access and diff tests: the examples, or an example's topology
 * edited as text, synthesized in-process (`Testing.synth`), read as TerraformStacks.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import { readStack, type TerraformStack } from '../../lib/analysis/stack';

export const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

export function topologyText(example: string): string {
  return fs.readFileSync(path.join(EXAMPLES, example, 'topology.yaml'), 'utf8');
}

/** The synthesized Terraform JSON of a topology given as YAML text. */
export function synthText(yaml: string): Doc {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-review-'));
  try {
    const file = path.join(dir, 'topology.yaml');
    fs.writeFileSync(file, yaml);
    const result = topologyApp(file, () => Testing.app());
    if (!result.ok) throw new Error(result.message);
    return JSON.parse(Testing.synth(result.stack)) as Doc;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cache = new Map<string, string>();

/** An example's synthesized JSON, a fresh copy each call (tests edit it). */
export function synthExample(example: string): Doc {
  if (!cache.has(example)) cache.set(example, JSON.stringify(synthText(topologyText(example))));
  return JSON.parse(cache.get(example)!) as Doc;
}

export function stackOf(doc: Doc, name: string, file?: string): TerraformStack {
  return readStack(doc, { name, ...(file ? { file } : {}) });
}

/** Replaces `text` in a topology, failing when it is not there (so an edited example cannot silently stop testing). */
export function edit(yaml: string, from: string, to: string): string {
  if (!yaml.includes(from)) throw new Error(`topology has no ${JSON.stringify(from)}`);
  return yaml.replace(from, to);
}

/** The key of the one resource of `type` whose `field` (default `name`) is `value`. */
export function keyOf(doc: Doc, type: string, value: string, field = 'name'): string {
  const keys = Object.keys(doc.resource[type] ?? {}).filter((k) => doc.resource[type][k][field] === value);
  if (keys.length !== 1) throw new Error(`expected one ${type} with ${field} ${value}, found ${keys.length}`);
  return keys[0]!;
}

export function resourceOf(doc: Doc, type: string, value: string, field = 'name'): Doc {
  return doc.resource[type][keyOf(doc, type, value, field)];
}

/**
 * Renames Terraform resources (and every reference to them) without touching what they are in
 * Vault: what renaming a construct in the code does to a synthesized stack.
 */
export function renameAddresses(doc: Doc, rename: (type: string, name: string) => string): Doc {
  const mapping = new Map<string, string>();
  for (const section of ['resource', 'data'] as const)
    for (const [type, blocks] of Object.entries(doc[section] ?? {}))
      for (const name of Object.keys(blocks as object)) {
        const prefix = section === 'data' ? 'data.' : '';
        mapping.set(`${prefix}${type}.${name}`, `${prefix}${type}.${rename(type, name)}`);
      }
  let text = JSON.stringify(doc);
  // Longest first, so `x.a_1` is not caught by `x.a`.
  for (const [from, to] of [...mapping].sort((a, b) => b[0].length - a[0].length)) {
    text = text.split(`\${${from}.`).join(`\${${to}.`);
    // depends_on lists bare addresses.
    text = text.split(`"${from}"`).join(`"${to}"`);
  }
  const out = JSON.parse(text) as Doc;
  for (const section of ['resource', 'data'] as const)
    for (const [type, blocks] of Object.entries(out[section] ?? {}))
      out[section][type] = Object.fromEntries(Object.entries(blocks as object).map(([name, body]) => [rename(type, name), body]));
  return out;
}
