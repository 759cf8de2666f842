/**
 * Plan documents in Terraform's JSON output format (`terraform show -json <planfile>`;
 * https://developer.hashicorp.com/terraform/internals/json-format), written from a synthesized
 * Terraform JSON configuration the way Terraform fills them in, for the tests of plan reading:
 *
 * - `update`: every resource exists already (a plan after an apply): every value is known; a
 *   computed attribute (an id, a client_id, an accessor) has a value of its own, and a reference
 *   to it is replaced by that value, as Terraform evaluates it.
 * - `create`: nothing exists yet: configuration constants and data sources (read during plan) are
 *   known; computed attributes of managed resources, and every value that references one, are
 *   known only after apply (`after_unknown`).
 *
 * `configuration` lists each attribute's expression as Terraform does: `constant_value`, or the
 * `references` it makes, each traversal followed by its prefixes.
 */
type J = null | boolean | number | string | J[] | { [k: string]: J };
type Obj = { [k: string]: J };

interface Block {
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly config: Obj;
}

const TRAVERSAL = /\$\{((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)\}/g;
const UNKNOWN = Symbol('unknown');
type V = J | typeof UNKNOWN;

function blocksOf(config: Obj): Block[] {
  const out: Block[] = [];
  for (const [section, mode] of [['resource', 'managed'], ['data', 'data']] as const) {
    for (const [type, byName] of Object.entries((config[section] ?? {}) as Obj)) {
      for (const [name, body] of Object.entries(byName as Obj)) {
        const { '//': _metadata, ...rest } = body as Obj;
        out.push({ address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`, mode, type, name, config: rest });
      }
    }
  }
  return out;
}

function referencesIn(value: J): string[] {
  const out: string[] = [];
  const walk = (v: J): void => {
    if (typeof v === 'string') for (const m of v.matchAll(TRAVERSAL)) out.push(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(value);
  return out;
}

/** `a.b.c` → [`a.b.c`, `a.b`] (a resource traversal and its prefixes down to the block). */
function withPrefixes(reference: string): string[] {
  const parts = reference.split('.');
  const head = reference.startsWith('data.') ? 3 : 2;
  const out: string[] = [];
  for (let n = parts.length; n >= head; n--) out.push(parts.slice(0, n).join('.'));
  return out;
}

export function planDocument(configuration: Obj, mode: 'update' | 'create'): Obj {
  const blocks = blocksOf(configuration);
  const byAddress = new Map(blocks.map((b) => [b.address, b]));
  const memo = new Map<string, V>();

  /** The value of `address.attr…` as Terraform would know it during this plan. */
  const attribute = (reference: string, depth: number): V => {
    if (memo.has(reference)) return memo.get(reference)!;
    const head = reference.startsWith('data.') ? 3 : 2;
    const parts = reference.split('.');
    const block = byAddress.get(parts.slice(0, head).join('.'));
    const path = parts.slice(head);
    let result: V;
    if (block === undefined) result = UNKNOWN;
    else if (path[0]! in block.config && depth < 20) {
      let v: V = evaluate(block.config[path[0]!]!, depth + 1);
      for (const p of path.slice(1)) v = v === UNKNOWN ? UNKNOWN : v && typeof v === 'object' && !Array.isArray(v) ? ((v as Obj)[p] ?? null) : null;
      result = v;
    } else if (mode === 'create' && block.mode === 'managed') result = UNKNOWN;
    else result = `${path.join('.')}-of-${block.address}`;
    memo.set(reference, result);
    return result;
  };

  const evaluate = (value: J, depth = 0): V => {
    if (typeof value === 'string') {
      const whole = /^\$\{([^}]+)\}$/.exec(value);
      if (whole && whole[0].match(TRAVERSAL)) return attribute(whole[1]!, depth);
      let unknown = false;
      const text = value.replace(TRAVERSAL, (_, r: string) => {
        const v = attribute(r, depth);
        if (v === UNKNOWN) unknown = true;
        return typeof v === 'string' ? v : JSON.stringify(v);
      });
      return unknown ? UNKNOWN : text;
    }
    if (Array.isArray(value)) return value.map((v) => evaluate(v, depth)) as unknown as V;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluate(v, depth)])) as unknown as V;
    return value;
  };

  /** Splits an evaluated value into the planned value (unknowns null/omitted) and after_unknown. */
  const split = (v: unknown): { value: J; unknown: J } => {
    if (v === UNKNOWN) return { value: null, unknown: true };
    if (Array.isArray(v)) {
      const parts = v.map(split);
      return { value: parts.map((p) => p.value), unknown: parts.map((p) => p.unknown) };
    }
    if (v && typeof v === 'object') {
      const value: Obj = {};
      const unknown: Obj = {};
      for (const [k, x] of Object.entries(v as Obj)) {
        const p = split(x);
        if (p.value !== null) value[k] = p.value;
        if (p.unknown !== false && !(typeof p.unknown === 'object' && p.unknown !== null && Object.keys(p.unknown).length === 0)) unknown[k] = p.unknown;
      }
      return { value, unknown };
    }
    return { value: v as J, unknown: false };
  };

  const expressions = (config: Obj): Obj =>
    Object.fromEntries(
      Object.entries(config).map(([k, v]) => {
        const refs = referencesIn(v);
        if (refs.length === 0) return [k, { constant_value: v }];
        const listed: string[] = [];
        for (const r of refs) for (const p of withPrefixes(r)) if (!listed.includes(p)) listed.push(p);
        return [k, { references: listed }];
      }),
    );

  const resources: J[] = [];
  const changes: J[] = [];
  const configured: J[] = [];
  for (const b of blocks) {
    const evaluated = evaluate(b.config) as unknown as Obj;
    // Computed attributes others reference (ids, client_ids, accessors) are part of the values.
    for (const other of blocks) {
      for (const r of referencesIn(other.config)) {
        if (!r.startsWith(`${b.address}.`)) continue;
        const attr = r.slice(b.address.length + 1).split('.')[0]!;
        if (!(attr in evaluated)) (evaluated as Record<string, unknown>)[attr] = attribute(`${b.address}.${attr}`, 0);
      }
    }
    const { value, unknown } = split(evaluated);
    const common = { address: b.address, mode: b.mode, type: b.type, name: b.name, provider_name: 'registry.terraform.io/hashicorp/vault' };
    resources.push({ ...common, schema_version: 0, values: value, sensitive_values: {} });
    const actions = b.mode === 'data' ? ['read'] : mode === 'create' ? ['create'] : ['no-op'];
    changes.push({ ...common, change: { actions, before: mode === 'create' || b.mode === 'data' ? null : value, after: value, after_unknown: unknown, before_sensitive: false, after_sensitive: {} } });
    configured.push({ address: b.address, mode: b.mode, type: b.type, name: b.name, provider_config_key: 'vault', expressions: expressions(b.config), schema_version: 0 });
  }

  const outputs = (configuration.output ?? {}) as Obj;
  const plannedOutputs: Obj = {};
  const configOutputs: Obj = {};
  for (const [name, o] of Object.entries(outputs)) {
    const body = o as Obj;
    const { value } = split(evaluate(body.value ?? null));
    plannedOutputs[name] = { sensitive: body.sensitive === true, ...(value !== null ? { value } : {}) };
    configOutputs[name] = { expression: expressions({ value: body.value ?? null }).value!, ...(body.sensitive === true ? { sensitive: true } : {}) };
  }
  const provider = ((configuration.provider ?? {}) as Obj).vault as Obj[] | undefined;
  const required = (((configuration.terraform ?? {}) as Obj).required_providers ?? {}) as Obj;
  const providerConfig: Obj = {};
  if (provider?.[0]) {
    providerConfig.vault = {
      name: 'vault',
      full_name: 'registry.terraform.io/hashicorp/vault',
      ...(typeof (required.vault as Obj | undefined)?.version === 'string' ? { version_constraint: (required.vault as Obj).version } : {}),
      expressions: expressions(provider[0]),
    };
  }
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    planned_values: { outputs: plannedOutputs, root_module: { resources } },
    resource_changes: changes,
    configuration: { provider_config: providerConfig, root_module: { outputs: configOutputs, resources: configured } },
  };
}
