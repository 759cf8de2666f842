/**
 * ACL policy documents: from the JSON that HashiCorp's HCL parser produces (hcl.ts), from a
 * JSON-form policy (Vault accepts both), or from a `vault_policy_document` data source. Checks
 * what Vault's own parser (vault/policy.go) refuses: unknown keys, a `name` that is not a string
 * (`name {}`), unknown capabilities before the first `deny`, an invalid legacy `policy`, "+*" in
 * a path, unreadable or inverted wrapping TTLs. A policy Vault would refuse at apply time is
 * reported at synth time. Vault's own parse cases are test data (test/analysis-data/vault-acl).
 */
import { Capability, isCapability, LEGACY_POLICY, normalizeCapabilities } from '../vault/capabilities';
import { literalOf } from './expressions';
import { isObject, Json, JsonObject } from './json';
import { parseTtl } from './ttl';
import { own } from '../vault/own';

export interface PolicyStanza {
  /** Path pattern as Vault stores it (one leading "/" stripped): may end in `*` and hold `+` segments. */
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

/** Where a parsed policy came from: hcl2json's rendering of HCL text, or a JSON-form document. */
export type PolicySyntax = 'hcl' | 'json';

/**
 * hcl2json turns `path "x" { ... }` into `{ path: { x: [ {...} ] } }` (and an unlabelled
 * `path { ... }` into `{ path: [ {...} ] }`); a JSON-form policy is `{ path: { x: {...} } }` (or
 * a list of such objects). Both end here. What Vault's parser (vault/policy.go, parsePaths)
 * refuses is reported; what it accepts is read as Vault reads it.
 */
export function stanzasFromParsed(parsed: Json, syntax: PolicySyntax): PolicyParseResult {
  const errors: string[] = [];
  const stanzas: PolicyStanza[] = [];
  if (!isObject(parsed)) return { ok: false, errors: ['a policy must be an object of "path" stanzas'] };
  for (const key of Object.keys(parsed)) if (!TOP_LEVEL_KEYS.has(key)) errors.push(`invalid key "${key}" (only "path" stanzas are allowed)`);
  const name = parsed.name;
  if (name !== undefined && (isObject(name) || Array.isArray(name) || name === null)) {
    // Vault decodes `name` into a string: a block (`name {}`) or a list is refused.
    errors.push(`"name" must be a string, not ${Array.isArray(name) && syntax === 'hcl' ? 'a block' : Array.isArray(name) ? 'a list' : 'an object'} (Vault refuses the document)`);
  }
  const paths = parsed.path;
  const entries: [string, Json][] = [];
  if (syntax === 'hcl') {
    if (Array.isArray(paths)) {
      // `path { ... }` without a label: Vault names the rule "path".
      entries.push(['path', paths]);
    } else if (isObject(paths)) {
      for (const [label, blocks] of Object.entries(paths)) {
        if (Array.isArray(blocks)) entries.push([label, blocks]);
        else errors.push(`path "${label}": write each rule as a block with one label, path "${label}" { ... } (not path = { ... }, nor a second label)`);
      }
    } else if (paths !== undefined) {
      errors.push('"path" must be a block: path "<pattern>" { ... }');
    }
  } else if (isObject(paths)) {
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

/**
 * The pattern as Vault stores it: one leading "/" stripped (only one: "//a" keeps "/a", which no
 * request path can match). Errors when Vault refuses the pattern.
 */
export function policyPath(rawPath: string): { readonly path: string; readonly error?: string } {
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  if (path.includes('+*')) {
    return { path, error: `path "${rawPath}": Vault refuses "+*" ("+" stands for one whole segment and cannot be followed by the glob "*"; write "+/*" for everything below it)` };
  }
  return { path };
}

/**
 * Capabilities in Vault's order of reading: the listed ones, then those of the legacy `policy`
 * (which `policy = "deny"` replaces). The first `deny` ends the reading: Vault ignores what
 * follows it, and skips the rest of the stanza's checks. Reports unknown capabilities before it.
 */
function readCapabilities(
  rawPath: string,
  listed: readonly Json[],
  legacy: readonly Capability[] | undefined,
  errors: string[],
): { readonly capabilities: Capability[]; readonly denied: boolean } {
  const sequence: readonly Json[] = legacy === undefined ? listed : legacy.includes('deny') ? ['deny'] : [...listed, ...legacy];
  const caps: Capability[] = [];
  for (const c of sequence) {
    if (c === 'deny') return { capabilities: ['deny'], denied: true };
    if (typeof c === 'string' && isCapability(c)) caps.push(c);
    else errors.push(`path "${rawPath}": invalid capability ${JSON.stringify(c)}`);
  }
  return { capabilities: normalizeCapabilities(caps), denied: false };
}

/** min_wrapping_ttl / max_wrapping_ttl: seconds or a duration; max not below min. */
function checkWrappingTtls(rawPath: string, body: JsonObject, errors: string[]): void {
  const seconds = (key: 'min_wrapping_ttl' | 'max_wrapping_ttl'): number | undefined => {
    const value = body[key];
    if (value === undefined) return 0;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    const ttl = typeof value === 'string' && !value.includes('${') && !value.includes('%{') ? parseTtl(value) : undefined;
    if (ttl?.kind === 'seconds') return ttl.seconds;
    if (ttl?.kind === 'unset') return 0;
    errors.push(`path "${rawPath}": ${key} ${JSON.stringify(value)} is not a duration (seconds, or e.g. "5m")`);
    return undefined;
  };
  const min = seconds('min_wrapping_ttl');
  const max = seconds('max_wrapping_ttl');
  if (min && max && max < min) errors.push(`path "${rawPath}": max_wrapping_ttl cannot be less than min_wrapping_ttl`);
}

function readStanza(rawPath: string, body: Json, errors: string[]): PolicyStanza | undefined {
  if (!isObject(body)) {
    errors.push(`path "${rawPath}": a stanza must be a block`);
    return undefined;
  }
  for (const key of Object.keys(body)) if (!STANZA_KEYS.has(key)) errors.push(`path "${rawPath}": invalid key "${key}"`);
  const { path, error } = policyPath(rawPath);
  if (error) errors.push(error);
  const list = body.capabilities;
  if (list !== undefined && !Array.isArray(list)) errors.push(`path "${rawPath}": capabilities must be a list`);
  let legacy: readonly Capability[] | undefined;
  if (body.policy !== undefined) {
    legacy = typeof body.policy === 'string' ? own(LEGACY_POLICY, body.policy) : undefined;
    if (!legacy) errors.push(`path "${rawPath}": invalid policy ${JSON.stringify(body.policy)} (deny, read, write or sudo)`);
  }
  const { capabilities, denied } = readCapabilities(rawPath, Array.isArray(list) ? list : [], legacy, errors);
  if (!denied) checkWrappingTtls(rawPath, body, errors);
  return { path, capabilities };
}

/** A JSON-form policy document (Vault accepts JSON wherever it accepts HCL). */
export function parseJsonPolicy(text: string): PolicyParseResult {
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (err) {
    return { ok: false, errors: [`invalid JSON policy: ${(err as Error).message}`] };
  }
  return stanzasFromParsed(parsed, 'json');
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
    const rawPath = literalOf(rule.path);
    if (rawPath === undefined) {
      errors.push(`rule[${i}].path is not known before apply`);
      return;
    }
    // The data source renders each rule as `path "<path>" { capabilities = [...] ... }` and Vault
    // parses that text: the same refusals apply.
    const ruleErrors: string[] = [];
    const { path, error } = policyPath(rawPath);
    if (error) ruleErrors.push(error);
    const raw = Array.isArray(rule.capabilities) ? rule.capabilities.map((c) => literalOf(c) ?? c) : [];
    const { capabilities, denied } = readCapabilities(rawPath, raw, undefined, ruleErrors);
    if (!denied) checkWrappingTtls(rawPath, rule, ruleErrors);
    errors.push(...ruleErrors.map((e) => `rule[${i}]: ${e}`));
    stanzas.push({ path, capabilities });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, stanzas };
}
