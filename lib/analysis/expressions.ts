/**
 * Terraform JSON strings are templates: `${...}` interpolates an expression, `%{...}` is a
 * directive, `$${` and `%%{` are the escaped literals. CDKTF writes every cross-resource token as
 * `${<type>.<name>.<attr>}` (or `${data.<type>.<name>.<attr>}`), so that is what we resolve;
 * anything else (function calls, variables, locals) stays an opaque expression.
 *
 * This is a tokenizer for the template layer only. Policy documents inside those strings are
 * parsed with HashiCorp's HCL parser (see hcl.ts).
 */

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'interpolation'; readonly expression: string }
  | { readonly kind: 'directive'; readonly expression: string };

/** A reference to an attribute of another block: `vault_identity_oidc_client.app.client_id`. */
export interface Ref {
  /** `vault_identity_oidc_client.app` or `data.vault_auth_backend.k8s`. */
  readonly address: string;
  /** Attribute path after the address; empty when the whole object is referenced. */
  readonly attribute: readonly string[];
}

const IDENT = '[A-Za-z_][A-Za-z0-9_-]*';
const TRAVERSAL = new RegExp(`^(data\\.)?(${IDENT})\\.(${IDENT})((?:\\.${IDENT}|\\[\\d+\\])*)$`);
/** Top-level names in a Terraform expression that are not resources. */
const NON_RESOURCE_ROOTS = new Set(['var', 'local', 'module', 'count', 'each', 'path', 'terraform', 'self']);

const DOLLAR = 0x24;
const PERCENT = 0x25;
const OPEN_BRACE = 0x7b;

/**
 * Parsed templates, expressions and references by their text. A stack repeats the same strings
 * many times (every entity alias names the same mount accessor, every client the same key) and
 * reads each several times (resolving, the dependency graph, the model, the inventory): each
 * distinct string is parsed once. Results are shared, hence read-only. The memo is dropped when
 * it grows past MEMO_LIMIT entries, so a long-lived process (jest, a watch mode) keeps no more.
 */
const MEMO_LIMIT = 1 << 17;
const templateMemo = new Map<string, readonly TemplatePart[]>();
const refMemo = new Map<string, Ref | null>();
const refsInExpressionMemo = new Map<string, readonly Ref[]>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
  return value;
}

export function parseTemplate(input: string): readonly TemplatePart[] {
  return templateMemo.get(input) ?? remember(templateMemo, input, parseTemplateText(input));
}

function parseTemplateText(input: string): TemplatePart[] {
  // Without `${` or `%{` (escapes included) the whole string is one literal: most are.
  if (!input.includes('${') && !input.includes('%{')) return input ? [{ kind: 'text', text: input }] : [];
  const parts: TemplatePart[] = [];
  // Literal text is copied in runs (from `run` to the next `$` or `%` that starts something), not
  // character by character: policy documents and claim templates are long and mostly literal.
  let text = '';
  let run = 0;
  let i = 0;
  while (i < input.length) {
    const c = input.charCodeAt(i);
    if (c !== DOLLAR && c !== PERCENT) {
      i += 1;
      continue;
    }
    const next = input.charCodeAt(i + 1);
    if (next === c && input.charCodeAt(i + 2) === OPEN_BRACE) {
      // `$${` and `%%{`: the escaped literals `${` and `%{`.
      text += input.slice(run, i) + input.slice(i + 1, i + 3);
      i += 3;
      run = i;
      continue;
    }
    if (next === OPEN_BRACE) {
      const end = findClosingBrace(input, i + 2);
      if (end < 0) {
        // Unterminated: Terraform would reject it; keep it as text so nothing is lost.
        text += input.slice(run);
        run = input.length;
        break;
      }
      text += input.slice(run, i);
      if (text) parts.push({ kind: 'text', text });
      text = '';
      let expression = input.slice(i + 2, end);
      // Strip template whitespace markers `${~ x ~}`.
      expression = expression.replace(/^~/, '').replace(/~$/, '').trim();
      parts.push({ kind: c === DOLLAR ? 'interpolation' : 'directive', expression });
      i = end + 1;
      run = i;
      continue;
    }
    i += 1;
  }
  text += input.slice(run);
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

/** Index of the `}` closing an interpolation opened just before `start`, skipping nested braces and strings. */
function findClosingBrace(input: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < input.length; i++) {
    const c = input[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      if (depth === 0) return i;
      depth -= 1;
    }
  }
  return -1;
}

export function parseRef(expression: string): Ref | undefined {
  const known = refMemo.get(expression);
  if (known !== undefined) return known ?? undefined;
  return remember(refMemo, expression, parseRefText(expression) ?? null) ?? undefined;
}

function parseRefText(expression: string): Ref | undefined {
  const m = TRAVERSAL.exec(expression.trim());
  if (!m) return undefined;
  const [, data, type, name, rest] = m;
  if (!data && NON_RESOURCE_ROOTS.has(type!)) return undefined;
  const attribute = (rest ?? '')
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== '');
  return { address: `${data ? 'data.' : ''}${type}.${name}`, attribute };
}

const refTexts = new WeakMap<Ref, string>();

export function refText(ref: Ref): string {
  let text = refTexts.get(ref);
  if (text === undefined) {
    text = ref.attribute.length === 0 ? ref.address : `${ref.address}.${ref.attribute.join('.')}`;
    refTexts.set(ref, text);
  }
  return text;
}

/** Renders parts back to a Terraform JSON string (escaping literal `${` / `%{`). */
export function renderTemplate(parts: readonly TemplatePart[]): string {
  return parts
    .map((p) =>
      p.kind === 'text' ? p.text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{') : p.kind === 'interpolation' ? `\${${p.expression}}` : `%{${p.expression}}`,
    )
    .join('');
}

/** The literal text of a template without interpolations, or undefined when it has any. */
export function literalOf(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return undefined;
  if (!value.includes('${') && !value.includes('%{')) return value;
  const parts = parseTemplate(value);
  if (parts.some((p) => p.kind !== 'text')) return undefined;
  return parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

/** The reference when `value` is exactly one `${<address>.<attr>}` interpolation. */
export function soleRef(value: unknown): Ref | undefined {
  if (typeof value !== 'string' || !value.startsWith('${')) return undefined;
  const parts = parseTemplate(value);
  if (parts.length !== 1 || parts[0]!.kind !== 'interpolation') return undefined;
  return parseRef(parts[0]!.expression);
}

/**
 * Text for display and for documents that must be parsed although parts are only known after
 * apply: every unresolved interpolation becomes `<expression>` (it cannot contain `*` or `+`
 * from a reference, so it never turns into a policy glob).
 */
export function displayText(value: string): string {
  return parseTemplate(value)
    .map((p) => (p.kind === 'text' ? p.text : `<${p.expression}>`))
    .join('');
}

/** Every reference anywhere in `value` (strings, lists, objects), for the dependency graph. */
export function collectRefs(value: unknown, out: Ref[] = []): Ref[] {
  forEachRef(value, (ref) => out.push(ref));
  return out;
}

/** Calls `visit` with every reference anywhere in `value`, in the order collectRefs lists them. */
export function forEachRef(value: unknown, visit: (ref: Ref) => void): void {
  if (typeof value === 'string') {
    for (const ref of stringRefs(value)) visit(ref);
  } else if (Array.isArray(value)) {
    for (const v of value) forEachRef(v, visit);
  } else if (typeof value === 'object' && value !== null) {
    for (const k of Object.keys(value)) if (k !== '//') forEachRef((value as Record<string, unknown>)[k], visit);
  }
}

const NO_REFS: readonly Ref[] = [];
const stringRefsMemo = new Map<string, readonly Ref[]>();

/** The references in the interpolations and directives of one template string. */
function stringRefs(value: string): readonly Ref[] {
  if (!value.includes('${') && !value.includes('%{')) return NO_REFS;
  let refs = stringRefsMemo.get(value);
  if (refs === undefined) {
    const found: Ref[] = [];
    for (const part of parseTemplate(value)) if (part.kind !== 'text') found.push(...refsInExpression(part.expression));
    refs = remember(stringRefsMemo, value, found.length > 0 ? found : NO_REFS);
  }
  return refs;
}

const TRAVERSAL_ANYWHERE = new RegExp(`(?<![A-Za-z0-9_.-])(data\\.)?(${IDENT})\\.(${IDENT})((?:\\.${IDENT}|\\[\\d+\\])*)`, 'g');

/** References inside a larger expression (`join(",", a.b.c)`); string literals are skipped. */
export function refsInExpression(expression: string): readonly Ref[] {
  return refsInExpressionMemo.get(expression) ?? remember(refsInExpressionMemo, expression, refsInExpressionText(expression));
}

function refsInExpressionText(expression: string): Ref[] {
  const withoutStrings = expression.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const refs: Ref[] = [];
  for (const m of withoutStrings.matchAll(TRAVERSAL_ANYWHERE)) {
    const ref = parseRef(m[0]);
    if (ref) refs.push(ref);
  }
  return refs;
}
