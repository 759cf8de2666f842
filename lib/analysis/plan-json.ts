/**
 * A Terraform plan as JSON (`terraform show -json <planfile>`, the form conftest and checkov read)
 * turned into the Terraform JSON configuration the analysis reads, so `check`, `access` and `diff`
 * judge a plan exactly as they judge a synthesized stack. Format: Terraform's JSON output format
 * (https://developer.hashicorp.com/terraform/internals/json-format; docs/vault-semantics.md I3).
 *
 * What the stack will hold after apply is `planned_values` (resources being deleted are not in
 * it), each value as planned; a value that is a reference in the configuration, and equals what it
 * references, is read as that reference, so objects link as in a synthesized stack (see `fill`).
 * Attributes the configuration does not set (computed by the provider: ids, accessors) are left
 * out, as a configuration has them. A value known only after apply (`resource_changes[].change.after_unknown`) becomes an expression
 * the model cannot evaluate, and is treated as every such expression is: fail closed. Resources of
 * child modules are not read: that is a problem, reported with the others.
 */
import { isObject, type Json, type JsonObject } from './json';
import { own, setOwn } from '../vault/own';

/** A JSON object being built. */
type Mutable = { [key: string]: Json };

/** True for a document in Terraform's plan JSON format rather than a configuration. */
export function isTerraformPlanJson(json: unknown): json is JsonObject {
  return isObject(json) && typeof json.format_version === 'string' && (isObject(json.planned_values) || Array.isArray(json.resource_changes));
}

/** An expression the analysis cannot evaluate (not a traversal): a value only apply will know. */
function unknownValue(address: string, path: string): string {
  return `\${known_after_apply("${address}${path}")}`;
}

/** `references` lists every prefix of each traversal, most specific first: one chain per reference. */
function referenceChains(references: readonly string[]): string[] {
  const chains: string[] = [];
  for (const r of references) if (!chains.some((c) => c === r || c.startsWith(`${r}.`) || c.startsWith(`${r}[`))) chains.push(r);
  return chains;
}

/** `${<reference>}` when `r` names an attribute of another block (type.name.attr or data.type.name.attr). */
function interpolation(r: string): string | undefined {
  const parts = r.split('.');
  const attrs = r.startsWith('data.') ? parts.length - 3 : parts.length - 2;
  if (attrs < 1 || /^(var|local|module|each|count|path|terraform|self)$/.test(parts[0]!)) return undefined;
  return `\${${r}}`;
}

function referencesOf(expression: unknown): string[] | undefined {
  if (!isObject(expression) || !Array.isArray(expression.references)) return undefined;
  return expression.references.filter((r): r is string => typeof r === 'string');
}

/** The planned value of a reference (`type.name.attr`, `data.type.name.attr[0]`), when the plan knows it. */
type Lookup = (reference: string) => Json | undefined;

function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * `value` as the configuration means it. A part whose expression is exactly one reference to
 * another block's attribute becomes that reference (`${type.name.attr}`), as in a synthesized
 * stack, when the plan shows the value *is* the referenced value: known and equal to the planned
 * value of what it references. A part known only after apply cannot be checked that way (the
 * configuration format does not tell `"${a.id}"` from `"x-${a.id}"`): it becomes an expression the
 * model cannot evaluate. Everything else is the planned value.
 */
function fill(value: Json | undefined, unknown: unknown, expression: unknown, lookup: Lookup, address: string, path: string): Json | undefined {
  if (unknown === true) return unknownValue(address, path);
  const chains = referenceChains(referencesOf(expression) ?? []);
  if (chains.length === 1 && !isObject(unknown) && !Array.isArray(unknown)) {
    const ref = interpolation(chains[0]!);
    if (ref !== undefined && sameJson(value, lookup(chains[0]!))) return ref;
  }
  if (Array.isArray(unknown) || Array.isArray(value)) {
    const list = Array.isArray(value) ? value : [];
    const flags = Array.isArray(unknown) ? unknown : [];
    const nested = Array.isArray(expression) ? expression : undefined;
    const length = Math.max(list.length, flags.length);
    // `entity_ids = [a.id, b.id]`: one reference per element, in order.
    const elementwise = nested === undefined && chains.length === length;
    return Array.from({ length }, (_, i) => {
      if (flags[i] === true) return unknownValue(address, `${path}[${i}]`);
      if (elementwise) {
        const ref = interpolation(chains[i]!);
        if (ref !== undefined && sameJson(list[i], lookup(chains[i]!))) return ref;
      }
      return fill(list[i], flags[i], nested?.[i], lookup, address, `${path}[${i}]`) ?? null;
    });
  }
  if (isObject(unknown) || isObject(value)) {
    const object: Mutable = isObject(value) ? { ...value } : {};
    const flags = isObject(unknown) ? unknown : {};
    const nested = Array.isArray(expression) ? expression[0] : expression;
    for (const k of new Set([...Object.keys(object), ...Object.keys(flags)])) {
      // Own members only: the names are the plan's (an attribute `constructor` is one like any other).
      const filled = fill(own(object, k), own(flags, k), isObject(nested) ? own(nested, k) : undefined, lookup, address, `${path}.${k}`);
      if (filled !== undefined) setOwn(object, k, filled);
    }
    return object;
  }
  return value;
}

/** Without nulls (Terraform's "absent or unknown"), as a configuration would omit them. */
function withoutNulls(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
  return value;
}

function constant(expression: unknown): Json | undefined {
  return isObject(expression) && 'constant_value' in expression ? (expression.constant_value as Json) : undefined;
}

export interface PlanConfiguration {
  readonly document: JsonObject;
  readonly problems: readonly string[];
}

/** The configuration a plan applies, as Terraform JSON (see the file comment). */
export function configurationFromPlan(plan: JsonObject): PlanConfiguration {
  const problems: string[] = [];
  const root = isObject(plan.planned_values) && isObject(plan.planned_values.root_module) ? plan.planned_values.root_module : {};
  const configuration = isObject(plan.configuration) ? plan.configuration : {};
  const configRoot = isObject(configuration.root_module) ? configuration.root_module : {};
  if (Array.isArray(root.child_modules) && root.child_modules.length > 0) {
    problems.push(`the plan has resources in child modules (${root.child_modules.map((m) => (isObject(m) ? String(m.address) : '?')).join(', ')}), which are not read: check the module's own configuration`);
  }
  const changes = new Map<string, JsonObject>();
  for (const c of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) if (isObject(c) && typeof c.address === 'string') changes.set(c.address, c);
  const configs = new Map<string, JsonObject>();
  for (const r of Array.isArray(configRoot.resources) ? configRoot.resources : []) if (isObject(r) && typeof r.address === 'string') configs.set(r.address, r);

  const planned = new Map<string, JsonObject>();
  for (const r of Array.isArray(root.resources) ? root.resources : []) if (isObject(r) && typeof r.address === 'string' && isObject(r.values)) planned.set(r.address, r.values);
  const lookup: Lookup = (reference) => {
    const parts = reference.split('.');
    const head = reference.startsWith('data.') ? 3 : 2;
    const values = planned.get(parts.slice(0, head).join('.'));
    let at: Json | undefined = values;
    for (const segment of parts.slice(head).join('.').split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '')) {
      if (Array.isArray(at) && /^\d+$/.test(segment)) at = at[Number(segment)];
      else at = isObject(at) ? own(at, segment) : undefined;
    }
    return at ?? undefined;
  };
  const document: Mutable = {};
  const resource: Record<string, Mutable> = {};
  const data: Record<string, Mutable> = {};
  for (const r of Array.isArray(root.resources) ? root.resources : []) {
    if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') {
      problems.push('planned_values.root_module.resources holds an entry without address, type and name');
      continue;
    }
    const indexed = r.index !== undefined;
    const configAddress = indexed ? r.address.replace(/\[[^\]]*\]$/, '') : r.address;
    const change = changes.get(r.address);
    const unknown = isObject(change) && isObject(change.change) ? change.change.after_unknown : undefined;
    const expressions = configs.get(configAddress)?.expressions;
    const all = isObject(r.values) ? r.values : {};
    // A configuration holds what it sets; planned values also hold what the provider computes (an
    // id, an accessor), which here would shadow the references other blocks make to it.
    const values = isObject(expressions) ? Object.fromEntries(Object.entries(all).filter(([k]) => Object.hasOwn(expressions, k))) : all;
    const body = withoutNulls(fill(values, unknown ?? {}, expressions, lookup, r.address, '') ?? values) as JsonObject;
    // count/for_each instances become blocks of their own; references to them stay unresolved.
    const name = indexed ? `${r.name}_${String(r.index).replace(/[^A-Za-z0-9_-]/g, '_')}` : r.name;
    const target = r.mode === 'data' ? data : resource;
    const byName = own(target, r.type) ?? {};
    setOwn(target, r.type, byName);
    setOwn(byName, name, body);
  }
  if (Object.keys(resource).length > 0) document.resource = resource;
  if (Object.keys(data).length > 0) document.data = data;

  const providers: Record<string, Mutable[]> = {};
  const required: Record<string, Mutable> = {};
  for (const [key, p] of Object.entries(isObject(configuration.provider_config) ? configuration.provider_config : {})) {
    if (!isObject(p) || typeof p.name !== 'string') continue;
    const block: Mutable = {};
    for (const [arg, e] of Object.entries(isObject(p.expressions) ? p.expressions : {})) {
      const value = constant(e);
      setOwn(block, arg, value !== undefined ? value : unknownValue(`provider.${key}`, `.${arg}`));
    }
    if (typeof p.alias === 'string') block.alias = p.alias;
    const blocks = own(providers, p.name) ?? [];
    setOwn(providers, p.name, [...blocks, block]);
    if (typeof p.version_constraint === 'string' && typeof p.full_name === 'string') setOwn(required, p.name, { source: p.full_name.replace(/^registry\.terraform\.io\//, ''), version: p.version_constraint });
  }
  if (Object.keys(providers).length > 0) document.provider = providers;
  if (Object.keys(required).length > 0) document.terraform = { required_providers: required };

  const outputs: Mutable = {};
  const plannedOutputs = isObject(plan.planned_values) && isObject(plan.planned_values.outputs) ? plan.planned_values.outputs : {};
  for (const [name, o] of Object.entries(isObject(configRoot.outputs) ? configRoot.outputs : {})) {
    if (!isObject(o)) continue;
    const planned = own(plannedOutputs, name);
    const known = isObject(planned) ? planned.value : undefined;
    const chains = referenceChains(referencesOf(o.expression) ?? []);
    // What an output references decides whether it leaks a secret (A2A-OUTPUT-SECRET): the reference first.
    const value = (chains.length === 1 ? interpolation(chains[0]!) : undefined) ?? constant(o.expression) ?? (known !== undefined && known !== null && chains.length === 0 ? known : undefined) ?? unknownValue('output', `.${name}`);
    setOwn(outputs, name, { value, ...(o.sensitive === true ? { sensitive: true } : {}) });
  }
  if (Object.keys(outputs).length > 0) document.output = outputs;
  return { document, problems };
}
