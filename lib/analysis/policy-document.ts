/**
 * ACL policy documents: from the JSON that HashiCorp's HCL parser produces (hcl.ts), from a
 * JSON-form policy (Vault accepts both), or from a `vault_policy_document` data source. Checks
 * what Vault's own parser rejects (unknown keys, unknown capabilities), so a policy Vault would
 * refuse at apply time is reported at synth time.
 */
import { Capability, isCapability, LEGACY_POLICY, normalizeCapabilities } from '../vault/capabilities';
import { literalOf } from './expressions';
import { isObject, Json, JsonObject } from './json';

export interface PolicyStanza {
  /** Path pattern without a leading "/": may end in `*` and hold `+` segments. */
  readonly path: string;
  readonly capabilities: readonly Capability[];
}

export type PolicyParseResult =
  | { readonly ok: true; readonly stanzas: readonly PolicyStanza[] }
  | { readonly ok: false; readonly errors: readonly string[] };

const TOP_LEVEL_KEYS = new Set(['name', 'path']);
const STANZA_KEYS = new Set([
  'comment',
  'policy',
  'capabilities',
  'allowed_parameters',
  'denied_parameters',
  'required_parameters',
  'min_wrapping_ttl',
  'max_wrapping_ttl',
  'mfa_methods',
  'control_group',
  'subscribe_event_types',
]);

/**
 * hcl2json turns `path "x" { ... }` into `{ path: { x: [ {...} ] } }`; a JSON-form policy is
 * `{ path: { x: {...} } }` (or a list of such objects). Both end here.
 */
export function stanzasFromParsed(parsed: Json): PolicyParseResult {
  const errors: string[] = [];
  const stanzas: PolicyStanza[] = [];
  if (!isObject(parsed)) return { ok: false, errors: ['a policy must be an object of "path" stanzas'] };
  for (const key of Object.keys(parsed)) if (!TOP_LEVEL_KEYS.has(key)) errors.push(`invalid key "${key}" (only "path" stanzas are allowed)`);
  const paths = parsed.path;
  const entries: [string, Json][] = [];
  if (isObject(paths)) {
    entries.push(...Object.entries(paths));
  } else if (Array.isArray(paths)) {
    for (const item of paths) {
      if (isObject(item)) entries.push(...Object.entries(item));
      else errors.push('"path" must map path patterns to stanzas');
    }
  } else if (paths !== undefined) {
    errors.push('"path" must map path patterns to stanzas');
  }
  for (const [rawPath, body] of entries) {
    const bodies = Array.isArray(body) ? body : [body];
    for (const b of bodies) {
      const stanza = readStanza(rawPath, b, errors);
      if (stanza) stanzas.push(stanza);
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, stanzas };
}

function readStanza(rawPath: string, body: Json, errors: string[]): PolicyStanza | undefined {
  const path = rawPath.replace(/^\/+/, '');
  if (!isObject(body)) {
    errors.push(`path "${rawPath}": a stanza must be a block`);
    return undefined;
  }
  for (const key of Object.keys(body)) if (!STANZA_KEYS.has(key)) errors.push(`path "${rawPath}": invalid key "${key}"`);
  const caps: Capability[] = [];
  const list = body.capabilities;
  if (list !== undefined) {
    if (!Array.isArray(list)) errors.push(`path "${rawPath}": capabilities must be a list`);
    else
      for (const c of list) {
        if (typeof c === 'string' && isCapability(c)) caps.push(c);
        else errors.push(`path "${rawPath}": invalid capability ${JSON.stringify(c)}`);
      }
  }
  if (body.policy !== undefined) {
    const legacy = typeof body.policy === 'string' ? LEGACY_POLICY[body.policy] : undefined;
    if (!legacy) errors.push(`path "${rawPath}": invalid policy ${JSON.stringify(body.policy)} (deny, read, write or sudo)`);
    else caps.push(...legacy);
  }
  return { path, capabilities: normalizeCapabilities(caps) };
}

/** A JSON-form policy document (Vault accepts JSON wherever it accepts HCL). */
export function parseJsonPolicy(text: string): PolicyParseResult {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (err) {
    return { ok: false, errors: [`invalid JSON policy: ${(err as Error).message}`] };
  }
  return stanzasFromParsed(parsed);
}

export function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/**
 * `data.vault_policy_document` renders its `rule` blocks to HCL at plan time; the rules are in
 * the configuration, so they can be read without waiting for Terraform.
 */
export function stanzasFromPolicyDocument(config: JsonObject): PolicyParseResult {
  const errors: string[] = [];
  const stanzas: PolicyStanza[] = [];
  const rules = config.rule;
  const list = Array.isArray(rules) ? rules : rules === undefined ? [] : [rules];
  list.forEach((rule, i) => {
    if (!isObject(rule)) {
      errors.push(`rule[${i}] must be a block`);
      return;
    }
    const path = literalOf(rule.path);
    if (path === undefined) {
      errors.push(`rule[${i}].path is not known before apply`);
      return;
    }
    const caps: Capability[] = [];
    const raw = Array.isArray(rule.capabilities) ? rule.capabilities : [];
    for (const c of raw) {
      if (typeof c === 'string' && isCapability(c)) caps.push(c);
      else errors.push(`rule[${i}] (path "${path}"): invalid capability ${JSON.stringify(c)}`);
    }
    stanzas.push({ path: path.replace(/^\/+/, ''), capabilities: normalizeCapabilities(caps) });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, stanzas };
}
