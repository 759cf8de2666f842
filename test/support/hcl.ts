/**
 * Checking HCL output against the JSON it was written from, with HashiCorp's own tools:
 *
 * - `parseHcl`: @cdktf/hcl2json (HashiCorp's HCL parser compiled to WASM). It prints what it
 *   parsed in Terraform JSON's own notation (a reference as `"${a.b}"`, a template as its source,
 *   `$${` escapes kept, native string escapes decoded), with every block as a list.
 * - `expectedHcl2json`: the same shape computed from the synthesized Terraform JSON, so that
 *   `parseHcl(hcl)` must deep-equal `expectedHcl2json(json)` when both mean the same configuration.
 * - `terraformFmtCheck`: `terraform fmt -check` on files, when a terraform binary is on PATH.
 */
import { parse } from '@cdktf/hcl2json';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BlockSchema, HclSchema } from '../../lib/terraform/hcl-writer';
import { escapeTemplateLiteral, splitTemplate } from '../../lib/terraform/template';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export async function parseHcl(hcl: string, file = 'cdk.tf'): Promise<Json> {
  return nfc((await parse(file, hcl)) as Json);
}

const EMPTY: BlockSchema = { blocks: new Map(), attributes: new Set() };

/**
 * Terraform JSON → the value hcl2json gives for HCL meaning the same. Blocks (per `schema`, plus
 * Terraform's own: required_providers, backend, lifecycle) become lists of bodies, `//` comments
 * go, references in depends_on-like positions take the `${…}` form, and strings of the `terraform`
 * block (literal in JSON) take their template form. Strings are compared in NFC, as Terraform
 * compares them (cty normalizes every string it holds).
 */
export function expectedHcl2json(json: unknown, schema: HclSchema): Json {
  const root = json as JsonObject;
  const out: JsonObject = {};
  for (const [kind, value] of Object.entries(root)) {
    if (kind === '//') continue;
    const v = value as JsonObject;
    switch (kind) {
      case 'terraform':
        out.terraform = [terraformBody(v)];
        break;
      case 'provider':
        out.provider = mapValues(v, (configs, name) =>
          (Array.isArray(configs) ? configs : [configs]).map((c) => body(c as JsonObject, schema.provider.get(name) ?? EMPTY, 'provider')),
        );
        break;
      case 'resource':
      case 'data':
        out[kind] = mapValues(v, (byName, type) =>
          mapValues(byName as JsonObject, (b) => [body(b as JsonObject, (kind === 'data' ? schema.data : schema.resource).get(type) ?? EMPTY, 'resource')]),
        );
        break;
      case 'output':
        out.output = mapValues(v, (b) => [body(b as JsonObject, EMPTY, 'output')]);
        break;
      case 'import':
      case 'moved':
        out[kind] = (value as Json[]).map((b) => body(b as JsonObject, EMPTY, kind));
        break;
      default:
        throw new Error(`expectedHcl2json: unexpected top-level ${kind}`);
    }
  }
  for (const [kind, value] of Object.entries(out)) if (!Array.isArray(value) && Object.keys(value as JsonObject).length === 0) delete out[kind];
  return nfc(out);
}

const REFERENCE_KEYS: Record<string, readonly string[]> = {
  resource: ['provider', 'depends_on'],
  output: ['depends_on'],
  import: ['to', 'provider'],
  moved: ['from', 'to'],
  provider: [],
  nested: [],
};

function body(b: JsonObject, schema: BlockSchema, kind: string): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(b)) {
    if (key === '//') continue;
    if (REFERENCE_KEYS[kind].includes(key)) {
      out[key] = Array.isArray(value) ? value.map((r) => asReference(r as string)) : asReference(value as string);
    } else if (kind === 'resource' && key === 'lifecycle') {
      const l = value as JsonObject;
      out.lifecycle = [
        mapValues(l, (v, k) =>
          k === 'ignore_changes' && v === 'all' ? '${all}' : k === 'ignore_changes' || k === 'replace_triggered_by' ? (v as string[]).map(asReference) : v,
        ),
      ];
    } else if (schema.blocks.has(key)) {
      // An empty list of blocks in JSON is no block at all.
      if (Array.isArray(value) && value.length === 0) continue;
      out[key] = (Array.isArray(value) ? value : [value]).map((item) => body(item as JsonObject, schema.blocks.get(key)!, 'nested'));
    } else {
      out[key] = foldConstants(value);
    }
  }
  return out;
}

/**
 * hcl2json evaluates an interpolation of a quoted constant (`${"$"}`, which is how a literal `$`
 * is written before a `{` or another interpolation) and writes its text back raw, so
 * `"${"$"}${x.y}"` comes back as `"$${x.y}"`, which JSON syntax would read as an escaped `${`.
 * That loss is hcl2json's, not the HCL's (Terraform reads a `$` and then the reference); the
 * expected value folds the same way.
 */
function foldConstants(value: Json): Json {
  if (typeof value === 'string') {
    if (!value.includes('${"')) return value;
    return splitTemplate(value)
      .map((p) => (p.kind === 'interpolation' && /^"(?:[^"\\$%]|[$%](?!\{))*"$/.test(p.expression) ? p.expression.slice(1, -1) : p.source))
      .join('');
  }
  if (Array.isArray(value)) return value.map(foldConstants);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, foldConstants(v)]));
  return value;
}

function terraformBody(b: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(b)) {
    if (key === 'required_providers') out[key] = [literal(value)];
    else if (key === 'backend') out[key] = mapValues(value as JsonObject, (config) => [literal(config)]);
    else out[key] = literal(value);
  }
  return out;
}

function literal(value: Json): Json {
  if (typeof value === 'string') return escapeTemplateLiteral(value);
  if (Array.isArray(value)) return value.map(literal);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]));
  return value;
}

function asReference(text: string): string {
  return text.startsWith('${') ? text : `\${${text}}`;
}

function mapValues(o: JsonObject, f: (v: Json, k: string) => Json): JsonObject {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v, k)]));
}

function nfc(value: Json): Json {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v)]));
  return value;
}

/** True when a `terraform` binary is on PATH (only `fmt` is used: it needs no providers). */
export const terraformAvailable: boolean = (() => {
  const r = spawnSync('terraform', ['version'], { encoding: 'utf8', env: terraformEnv() });
  return r.status === 0;
})();

function terraformEnv(): NodeJS.ProcessEnv {
  return { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1' };
}

export interface FmtResult {
  /** 0 formatted, 3 some file would change, 2 parse error. */
  readonly code: number | null;
  /** Files terraform fmt would rewrite (relative names), or its diagnostics. */
  readonly output: string;
}

/** `terraform fmt -check -diff` over named HCL texts, written to a temporary directory. */
export function terraformFmtCheck(files: Readonly<Record<string, string>>): FmtResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'a2a-fmt-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    const r = spawnSync('terraform', ['fmt', '-check', '-diff', '-no-color', '.'], { cwd: dir, encoding: 'utf8', env: terraformEnv() });
    return { code: r.status, output: `${r.stdout}${r.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `test` when terraform is on PATH; otherwise a skipped test whose name says why. */
export function withTerraform(name: string, fn: () => void | Promise<void>): void {
  if (terraformAvailable) test(name, async () => fn());
  else test.skip(`${name} (skipped: no terraform binary on PATH)`, async () => fn());
}
