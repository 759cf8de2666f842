/**
 * Terraform JSON (`cdk.tf.json`) → HCL native syntax (`cdk.tf`) that means the same configuration
 * and that `terraform fmt` leaves unchanged.
 *
 * Why not cdktf's own HCL renderer (`cdktf synth --hcl`, cdktf 0.21, the last release): it guesses
 * per value and skips escaping for any string containing `${` ("Don't attempt to escape if we
 * have an expression"), so a JSON document with a reference inside it (a may_act scope template,
 * a token-exchange `data_json`) comes out with bare quotes and does not parse; multi-line strings
 * gain a newline; nothing is indented or aligned. Patching its text afterwards would mean parsing
 * output that is not HCL. This writer starts from the synthesized JSON instead, which is exact
 * by construction, and applies Terraform's own reading of it:
 *
 * - strings are templates in both syntaxes (see template.ts): literal runs are escaped for a
 *   quoted string, `${…}` and `%{…}` sequences are copied verbatim, and a string that is one
 *   interpolation is written as the bare expression, as `terraform fmt` would rewrite it;
 * - strings Terraform takes literally in JSON (everything in the `terraform` block) get their
 *   `${` / `%{` escaped, because quoted HCL strings are always templates;
 * - `depends_on`, `provider`, `lifecycle.ignore_changes`, `import.to`, `moved.from/to` hold
 *   references, written bare;
 * - which keys are nested blocks is not in the JSON (a block list and a list-of-objects attribute
 *   look alike there): the caller passes a schema (for CDKTF stacks: the generated bindings' own
 *   block flags, see `lib/constructs/hcl.ts`). An object value under a key the schema does not know
 *   is refused rather than guessed; so are features this writer does not render (modules,
 *   variables, locals, provisioners, dynamic blocks, checks).
 *
 * Layout follows hclwrite's formatter (what `terraform fmt` runs): two-space indentation, `=`
 * aligned across consecutive single-line attributes, a multi-line value ending the run. Lists of
 * two or more items and non-empty objects are written one item per line, so that adding an agent
 * adds lines to a review diff instead of rewriting one long line.
 */
import { escapeTemplateLiteral, splitTemplate, TemplateSyntaxError } from './template';

/** Which keys of a block body are nested blocks (with their own schema) and which are attributes. */
export interface BlockSchema {
  readonly blocks: ReadonlyMap<string, BlockSchema>;
  readonly attributes: ReadonlySet<string>;
}

/** Per resource type, data source type and provider name. */
export interface HclSchema {
  readonly resource: ReadonlyMap<string, BlockSchema>;
  readonly data: ReadonlyMap<string, BlockSchema>;
  readonly provider: ReadonlyMap<string, BlockSchema>;
}

export const EMPTY_BLOCK_SCHEMA: BlockSchema = { blocks: new Map(), attributes: new Set() };

/** Thrown when the JSON holds something this writer cannot render faithfully. */
export class HclWriteError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'HclWriteError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** How Terraform reads a string at a position. */
type StringMode = 'template' | 'literal';

interface Line {
  readonly indent: number;
  readonly lead: string;
  /** `= value` of a single-line (or heredoc) attribute: consecutive ones are aligned. */
  readonly assign?: string;
}

interface Rendered {
  /** The first line's text (a heredoc: all of it). */
  readonly text: string;
  /** Further lines, the closing bracket last; empty for a one-line value. */
  readonly more: readonly Line[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Object keys that would parse as something else when bare. */
const KEYWORD_KEYS: ReadonlySet<string> = new Set(['true', 'false', 'null', 'for', 'in', 'if']);
/** A reference as Terraform JSON writes it in depends_on and friends: `type.name`, `module.x`, `data.t.n[0]`. */
const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\]|\["[^"\\$%]*"\])*$/;
/** A block label: resource types and names, output names, backend types. */
const LABEL = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Renders a whole Terraform JSON document. */
export function writeHcl(document: unknown, schema: HclSchema): string {
  const root = asObject(document, '(root)');
  const blocks: Line[][] = [];
  const order = ['terraform', 'provider', 'data', 'resource', 'import', 'moved', 'output'];
  for (const key of Object.keys(root)) {
    if (key !== '//' && !order.includes(key)) {
      throw new HclWriteError(key, `the HCL writer does not render top-level "${key}" blocks; use the JSON output (cdk.tf.json)`);
    }
  }
  for (const kind of order) {
    const value = root[kind];
    if (value === undefined) continue;
    switch (kind) {
      case 'terraform':
        blocks.push(terraformBlock(asObject(value, 'terraform')));
        break;
      case 'provider':
        for (const [name, configs] of entries(asObject(value, 'provider'))) {
          const list = Array.isArray(configs) ? configs : [configs];
          list.forEach((config, i) => {
            const where = `provider.${name}[${i}]`;
            blocks.push(block(0, 'provider', [label(name, where)], asObject(config, where), schema.provider.get(name) ?? EMPTY_BLOCK_SCHEMA, where, 'provider'));
          });
        }
        break;
      case 'data':
      case 'resource':
        for (const [type, byName] of entries(asObject(value, kind))) {
          for (const [name, body] of entries(asObject(byName, `${kind}.${type}`))) {
            const where = `${kind}.${type}.${name}`;
            const typeSchema = (kind === 'data' ? schema.data : schema.resource).get(type) ?? EMPTY_BLOCK_SCHEMA;
            blocks.push(block(0, kind, [label(type, where), label(name, where)], asObject(body, where), typeSchema, where, 'resource'));
          }
        }
        break;
      case 'import':
      case 'moved':
        asArray(value, kind).forEach((body, i) => blocks.push(block(0, kind, [], asObject(body, `${kind}[${i}]`), EMPTY_BLOCK_SCHEMA, `${kind}[${i}]`, kind)));
        break;
      case 'output':
        for (const [name, body] of entries(asObject(value, 'output'))) {
          blocks.push(block(0, 'output', [label(name, `output.${name}`)], asObject(body, `output.${name}`), EMPTY_BLOCK_SCHEMA, `output.${name}`, 'output'));
        }
        break;
    }
  }
  return `${blocks.map(layout).join('\n\n')}\n`;
}

type BodyKind = 'resource' | 'provider' | 'output' | 'import' | 'moved' | 'nested' | 'settings';

interface BodyRules {
  /** Keys holding one reference (`provider = vault.alias`). */
  readonly references: ReadonlySet<string>;
  /** Keys holding a list of references (`depends_on = [vault_policy.agent]`). */
  readonly referenceLists: ReadonlySet<string>;
  /** Keys this writer refuses to render. */
  readonly refused: ReadonlySet<string>;
  /** Whether an object value under a key the schema does not know is an attribute (else refused). */
  readonly objectsAreAttributes: boolean;
  /** How strings read: templates, or literal text (the `terraform` block). */
  readonly strings: 'template' | 'literal';
}

const none: ReadonlySet<string> = new Set();
const RULES: Record<BodyKind, BodyRules> = {
  resource: {
    references: new Set(['provider']),
    referenceLists: new Set(['depends_on']),
    refused: new Set(['provisioner', 'connection', 'dynamic']),
    objectsAreAttributes: false,
    strings: 'template',
  },
  provider: { references: none, referenceLists: none, refused: new Set(['dynamic']), objectsAreAttributes: false, strings: 'template' },
  output: { references: none, referenceLists: new Set(['depends_on']), refused: new Set(['precondition']), objectsAreAttributes: true, strings: 'template' },
  import: { references: new Set(['to', 'provider']), referenceLists: none, refused: none, objectsAreAttributes: false, strings: 'template' },
  moved: { references: new Set(['from', 'to']), referenceLists: none, refused: none, objectsAreAttributes: false, strings: 'template' },
  nested: { references: none, referenceLists: none, refused: new Set(['dynamic']), objectsAreAttributes: false, strings: 'template' },
  settings: { references: none, referenceLists: none, refused: none, objectsAreAttributes: true, strings: 'literal' },
};

/** Attributes first (meta-arguments leading), then nested blocks, then lifecycle, then depends_on. */
function block(indent: number, type: string, labels: readonly string[], body: JsonObject, schema: BlockSchema, where: string, kind: BodyKind): Line[] {
  const rules = RULES[kind];
  const leading: Line[][] = [];
  const attributes: Line[][] = [];
  const nested: Line[][] = [];
  const trailing: Line[][] = [];
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (key === '//') continue;
    if (rules.refused.has(key)) throw new HclWriteError(at, `the HCL writer does not render "${key}"; use the JSON output (cdk.tf.json)`);
    if (kind === 'resource' && key === 'lifecycle') {
      trailing.unshift(lifecycle(indent + 1, asObject(value, at), at));
    } else if (rules.referenceLists.has(key)) {
      const rendered = referenceList(value, at, indent + 1);
      (key === 'depends_on' ? trailing : attributes).push([attributeLine(indent + 1, key, rendered), ...rendered.more]);
    } else if (rules.references.has(key)) {
      leading.push([attributeLine(indent + 1, key, { text: reference(value, at), more: [] })]);
    } else if (schema.blocks.has(key)) {
      const inner = schema.blocks.get(key)!;
      const list = Array.isArray(value) ? value : [value];
      list.forEach((item, i) => nested.push(block(indent + 1, key, [], asObject(item, `${at}[${i}]`), inner, `${at}[${i}]`, 'nested')));
    } else if (isStructured(value) && !schema.attributes.has(key) && !rules.objectsAreAttributes) {
      throw new HclWriteError(
        at,
        'an object value whose schema is unknown: it may be a nested block or an attribute, which HCL writes differently; use the JSON output (cdk.tf.json)',
      );
    } else {
      const rendered = attributeValue(value, rules.strings, indent + 1, at);
      (key === 'count' || key === 'for_each' ? leading : attributes).push([attributeLine(indent + 1, key, rendered), ...rendered.more]);
    }
  }
  const lines: Line[] = [...leading, ...attributes].flat();
  for (const group of [...nested, ...trailing]) {
    if (lines.length > 0) lines.push({ indent: 0, lead: '' });
    lines.push(...group);
  }
  const header = [type, ...labels.map((l) => `"${l}"`)].join(' ');
  if (lines.length === 0) return [{ indent, lead: `${header} {}` }];
  return [{ indent, lead: `${header} {` }, ...lines, { indent, lead: '}' }];
}

function lifecycle(indent: number, body: JsonObject, where: string): Line[] {
  const lines: Line[] = [];
  for (const [key, value] of entries(body)) {
    const at = `${where}.${key}`;
    if (key === 'ignore_changes' && value === 'all') {
      lines.push({ indent: indent + 1, lead: key, assign: '= all' });
    } else if (key === 'ignore_changes' || key === 'replace_triggered_by') {
      const rendered = referenceList(value, at, indent + 1);
      lines.push(attributeLine(indent + 1, key, rendered), ...rendered.more);
    } else if (key === 'precondition' || key === 'postcondition') {
      asArray(value, at).forEach((c, i) => lines.push(...block(indent + 1, key, [], asObject(c, `${at}[${i}]`), EMPTY_BLOCK_SCHEMA, `${at}[${i}]`, 'nested')));
    } else if (typeof value === 'boolean') {
      lines.push({ indent: indent + 1, lead: key, assign: `= ${value}` });
    } else {
      throw new HclWriteError(at, 'unknown lifecycle argument');
    }
  }
  return [{ indent, lead: 'lifecycle {' }, ...lines, { indent, lead: '}' }];
}

/**
 * The `terraform` block. Terraform reads its strings literally in JSON (no expressions are
 * allowed there), so they are escaped as literals here.
 */
function terraformBlock(body: JsonObject): Line[] {
  const lines: Line[] = [];
  const settings: [string, Json][] = [];
  const groups: Line[][] = [];
  for (const [key, value] of entries(body)) {
    const at = `terraform.${key}`;
    if (key === '//') continue;
    if (key === 'required_providers') {
      groups.push(block(1, 'required_providers', [], asObject(value, at), EMPTY_BLOCK_SCHEMA, at, 'settings'));
    } else if (key === 'backend') {
      for (const [type, config] of entries(asObject(value, at))) {
        groups.push(block(1, 'backend', [label(type, `${at}.${type}`)], asObject(config, `${at}.${type}`), SETTINGS_WITH_WORKSPACES, `${at}.${type}`, 'settings'));
      }
    } else if (key === 'cloud') {
      groups.push(block(1, 'cloud', [], asObject(value, at), SETTINGS_WITH_WORKSPACES, at, 'settings'));
    } else if (isStructured(value)) {
      throw new HclWriteError(at, 'the HCL writer does not render this terraform setting; use the JSON output (cdk.tf.json)');
    } else {
      settings.push([key, value]);
    }
  }
  for (const [key, value] of settings) {
    const rendered = attributeValue(value, 'literal', 1, `terraform.${key}`);
    lines.push(attributeLine(1, key, rendered), ...rendered.more);
  }
  for (const group of groups) {
    if (lines.length > 0) lines.push({ indent: 0, lead: '' });
    lines.push(...group);
  }
  return [{ indent: 0, lead: 'terraform {' }, ...lines, { indent: 0, lead: '}' }];
}

/** `workspaces` is a block in the `cloud` block and in the `remote` backend; everything else there is an attribute. */
const SETTINGS_WITH_WORKSPACES: BlockSchema = {
  blocks: new Map([['workspaces', { blocks: new Map(), attributes: new Set(['tags']) }]]),
  attributes: new Set(['assume_role', 'assume_role_with_web_identity', 'endpoints', 'headers']),
};

function attributeLine(indent: number, key: string, value: Rendered): Line {
  if (!IDENTIFIER.test(key)) throw new HclWriteError(key, 'is not a valid HCL argument name');
  return value.more.length === 0 ? { indent, lead: key, assign: `= ${value.text}` } : { indent, lead: `${key} = ${value.text}` };
}

/** A block body's attribute value: like `value`, but a multi-line string may become a heredoc. */
function attributeValue(value: Json, mode: StringMode, indent: number, where: string): Rendered {
  if (typeof value === 'string') {
    const heredoc = heredocOf(mode === 'literal' ? escapeTemplateLiteral(value) : value);
    if (heredoc !== undefined) return { text: heredoc, more: [] };
  }
  return render(value, mode, indent, where);
}

function render(value: Json, mode: StringMode, indent: number, where: string): Rendered {
  if (value === null) return { text: 'null', more: [] };
  if (typeof value === 'boolean') return { text: String(value), more: [] };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new HclWriteError(where, `${value} is not a number Terraform can read`);
    return { text: Object.is(value, -0) ? '0' : String(value), more: [] };
  }
  if (typeof value === 'string') return { text: mode === 'literal' ? quoted(escapeTemplateLiteral(value), where) : expression(value, where), more: [] };
  if (Array.isArray(value)) {
    const items = value.map((item, i) => render(item, mode, indent + 1, `${where}[${i}]`));
    if (items.length === 0) return { text: '[]', more: [] };
    if (items.length === 1 && items[0].more.length === 0) return { text: `[${items[0].text}]`, more: [] };
    const more: Line[] = [];
    for (const item of items) {
      if (item.more.length === 0) {
        more.push({ indent: indent + 1, lead: `${item.text},` });
      } else {
        const last = item.more[item.more.length - 1];
        more.push({ indent: indent + 1, lead: item.text }, ...item.more.slice(0, -1), { ...last, lead: `${last.lead},` });
      }
    }
    return { text: '[', more: [...more, { indent, lead: ']' }] };
  }
  const items = entries(value);
  if (items.length === 0) return { text: '{}', more: [] };
  const more: Line[] = [];
  for (const [key, member] of items) {
    const at = `${where}.${key}`;
    const item = render(member, mode, indent + 1, at);
    const lead = objectKey(key, mode, at);
    if (item.more.length === 0) more.push({ indent: indent + 1, lead, assign: `= ${item.text}` });
    else more.push({ indent: indent + 1, lead: `${lead} = ${item.text}` }, ...item.more);
  }
  return { text: '{', more: [...more, { indent, lead: '}' }] };
}

/**
 * A template string as an HCL expression: the bare expression when it is one interpolation
 * (what `terraform fmt` rewrites `"${x}"` to; the value is the same, unconverted), else a quoted
 * template with its literal runs escaped.
 */
function expression(template: string, where: string): string {
  const parts = parts_(template, where);
  if (parts.length === 1 && parts[0].kind === 'interpolation') {
    const inner = parts[0].expression;
    if (inner === '') throw new HclWriteError(where, `empty interpolation in ${JSON.stringify(template)}`);
    return inner.includes('\n') ? `(${inner})` : inner;
  }
  return quoted(template, where);
}

function quoted(template: string, where: string, ascii = false): string {
  return `"${parts_(template, where)
    .map((p) => {
      if (p.kind === 'literal') return escapeQuoted(p.source, where, ascii);
      if (ascii && /[^\x20-\x7e]/.test(p.source)) throw new HclWriteError(where, `non-ASCII characters inside ${p.source} in an object key`);
      return p.source;
    })
    .join('')}"`;
}

function parts_(template: string, where: string) {
  try {
    return splitTemplate(template);
  } catch (err) {
    if (err instanceof TemplateSyntaxError) throw new HclWriteError(where, err.message);
    throw err;
  }
}

/**
 * Escapes for HCL's quoted strings: `\\`, `\"`, `\n`, `\r`, `\t`, `\uNNNN` for other control
 * characters, and with `ascii` for every character outside printable ASCII (`\UNNNNNNNN` above
 * U+FFFF).
 */
function escapeQuoted(text: string, where: string, ascii = false): string {
  checkWellFormed(text, where);
  return text.replace(/[^\x20-\x7e]|[\\"]/gu, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    if (named[c] !== undefined) return named[c];
    const code = c.codePointAt(0)!;
    if (!ascii && code > 0x7f && !(code >= 0x80 && code <= 0x9f)) return c;
    return code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** HCL is UTF-8: a lone UTF-16 surrogate has no encoding there (JSON can only escape it). */
function checkWellFormed(text: string, where: string): void {
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) {
    throw new HclWriteError(where, 'contains a lone UTF-16 surrogate, which HCL (UTF-8) cannot hold');
  }
}

/**
 * A multi-line template (ending in a newline, no carriage returns or other control characters)
 * as a heredoc: its source is copied verbatim, since heredocs have no backslash escapes; the
 * delimiter is one no line of the text equals.
 */
function heredocOf(template: string): string | undefined {
  if (!template.endsWith('\n') || !template.slice(0, -1).includes('\n')) return undefined;
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(template)) return undefined;
  if (/[\ud800-\udfff]/.test(template) && /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(template)) return undefined;
  // A sequence spanning lines would put an interpolation's inside on its own lines: keep those quoted.
  try {
    if (splitTemplate(template).some((p) => p.kind !== 'literal' && p.source.includes('\n'))) return undefined;
  } catch {
    return undefined;
  }
  const lines = template.slice(0, -1).split('\n').map((l) => l.trim());
  let delimiter = 'EOT';
  for (let n = 1; lines.includes(delimiter); n += 1) delimiter = `EOT${n}`;
  return `<<${delimiter}\n${template}${delimiter}`;
}

function objectKey(key: string, mode: StringMode, where: string): string {
  // A bare identifier is its literal name. In JSON an object key is a template too, so a key
  // with a sequence or an escape stays a quoted template; a literal key is escaped as one.
  if (IDENTIFIER.test(key) && !KEYWORD_KEYS.has(key)) return key;
  // Keys are what `=` is aligned after, and hclwrite measures them in grapheme clusters per
  // token; written in ASCII (\u escapes), their width is their length.
  return quoted(mode === 'literal' ? escapeTemplateLiteral(key) : key, where, true);
}

function reference(value: Json, where: string): string {
  if (typeof value !== 'string') throw new HclWriteError(where, 'expected a reference such as "vault_policy.agent"');
  const parts = parts_(value, where);
  const text = parts.length === 1 && parts[0].kind === 'interpolation' ? parts[0].expression : value;
  if (!REFERENCE.test(text)) throw new HclWriteError(where, `${JSON.stringify(value)} is not a reference such as "vault_policy.agent"`);
  return text;
}

function referenceList(value: Json, where: string, indent: number): Rendered {
  const items = asArray(value, where).map((v, i) => reference(v, `${where}[${i}]`));
  if (items.length <= 1) return { text: `[${items.join('')}]`, more: [] };
  return { text: '[', more: [...items.map((i) => ({ indent: indent + 1, lead: `${i},` })), { indent, lead: ']' }] };
}

function label(text: string, where: string): string {
  if (!LABEL.test(text)) throw new HclWriteError(where, `${JSON.stringify(text)} cannot be a block label`);
  return text;
}

/** hclwrite's alignment: consecutive single-line attributes put their `=` in one column. */
function layout(lines: readonly Line[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].assign === undefined) {
      out.push(text(lines[i], 0));
      i += 1;
      continue;
    }
    let j = i;
    let width = 0;
    while (j < lines.length && lines[j].assign !== undefined) {
      width = Math.max(width, lines[j].indent * 2 + lines[j].lead.length);
      j += 1;
    }
    for (let k = i; k < j; k += 1) out.push(text(lines[k], width));
    i = j;
  }
  return out.join('\n');
}

function text(line: Line, width: number): string {
  if (line.lead === '' && line.assign === undefined) return '';
  const start = ' '.repeat(line.indent * 2) + line.lead;
  return line.assign === undefined ? start : `${start}${' '.repeat(width - start.length + 1)}${line.assign}`;
}

function isStructured(value: Json): boolean {
  return (typeof value === 'object' && value !== null && !Array.isArray(value)) || (Array.isArray(value) && value.some((v) => typeof v === 'object' && v !== null));
}

/** Keys in code-unit order, as the JSON output (json-stable-stringify) writes them: the bytes never depend on construction order. */
function entries(object: JsonObject): [string, Json][] {
  return Object.keys(object)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => [k, object[k]]);
}

function asObject(value: unknown, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HclWriteError(where, 'expected an object');
  return value as JsonObject;
}

function asArray(value: unknown, where: string): Json[] {
  if (!Array.isArray(value)) throw new HclWriteError(where, 'expected a list');
  return value as Json[];
}
