/**
 * The RFC 8693 token-exchange engine (identity-delegation secrets plugin) as the checks see it.
 * The plugin has no Terraform resources of its own; it is configured with `vault_generic_endpoint`
 * writes, recognised here by the plugin's own fields: roles (`<mount>/role/<name>`) carry
 * `actor_template`/`subject_template`, the config (`<mount>/config`) carries `subject_jwks_uri`.
 */
import { isObject, Json } from './json';
import type { ExchangeActor, ExchangeConfig, ExchangeEndpoint, ExchangeRole } from './model';
import { parseClaims } from './claims';
import { literalOf } from './expressions';
import { blocksOfType, SynthesizedStack } from './stack';
import { parseTtl } from './ttl';
import { idValue, IdValue } from './values';
import { compareStrings } from '../vault/order';

const ROLE_FIELDS = ['actor_template', 'subject_template'];

/**
 * The fields of each engine write the model reads (shared/vault-facts.md, "Delegation"): a write
 * with any other field is not modelled, so the inventory reports it as unreadable.
 */
export const EXCHANGE_FIELDS = {
  role: new Set(['key', 'ttl', 'subject_template', 'actor_template', 'context', 'bound_issuer', 'bound_audiences']),
  config: new Set(['issuer', 'subject_jwks_uri', 'default_ttl']),
  key: new Set(['algorithm', 'key_size']),
} as const;

function dataOf(raw: Json | undefined): { readonly [k: string]: Json } | undefined {
  const claims = parseClaims(raw);
  return claims.kind === 'claims' ? claims.value : undefined;
}

/** A non-empty identifier, or undefined for a missing or empty one (the plugin then skips the check). */
function boundId(value: Json | undefined): IdValue | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  return idValue(value);
}

function boundList(value: Json | undefined): IdValue[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.filter((v) => !(typeof v === 'string' && v.trim() === '')).map((v) => idValue(typeof v === 'string' ? v.trim() : v));
}

/** The plugin's `context`: a list of scope strings or one string of them; anything else is unreadable. */
function contextOf(value: Json | undefined): ExchangeRole['context'] {
  if (value === undefined || value === null) return { kind: 'scopes', scopes: [] };
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (items === undefined || items.some((v) => typeof v !== 'string' || v.includes('${'))) return { kind: 'unreadable', text: JSON.stringify(value) };
  return { kind: 'scopes', scopes: [...new Set((items as string[]).flatMap((v) => v.split(/[\s,]+/)).filter((v) => v !== ''))] };
}

/** `{{identity.entity.id}}`, with the whitespace mustache allows inside the tag. */
const CALLER_ENTITY_ID = /^\{\{\s*identity\.entity\.id\s*\}\}$/;

function actorOf(template: Json | undefined): ExchangeActor {
  const claims = parseClaims(template);
  if (claims.kind !== 'claims') return { kind: 'unreadable', text: typeof template === 'string' ? template : JSON.stringify(template ?? null) };
  const act = claims.value.act;
  if (act === undefined || (isObject(act) && act.sub === undefined)) return { kind: 'caller' };
  if (!isObject(act)) return { kind: 'unreadable', text: JSON.stringify(act) };
  if (typeof act.sub === 'string' && CALLER_ENTITY_ID.test(act.sub)) return { kind: 'caller' };
  if (typeof act.sub === 'string' && act.sub.includes('{{')) return { kind: 'unreadable', text: act.sub };
  return { kind: 'fixed', sub: idValue(act.sub) };
}

function onlyKnownFields(data: { readonly [k: string]: Json }, known: ReadonlySet<string>): boolean {
  return Object.keys(data).every((k) => known.has(k));
}

/**
 * Every write to an identity-delegation engine: roles, config and keys, by mount. `modelled`
 * lists the `vault_generic_endpoint` addresses read completely (every field known).
 */
export function readExchange(stack: SynthesizedStack): {
  roles: ExchangeRole[];
  endpoints: ExchangeEndpoint[];
  configs: ExchangeConfig[];
  modelled: Set<string>;
} {
  const roles: ExchangeRole[] = [];
  const endpoints: ExchangeEndpoint[] = [];
  const configs: ExchangeConfig[] = [];
  const modelled = new Set<string>();
  const candidates = blocksOfType(stack, 'vault_generic_endpoint').flatMap((b) => {
    const path = typeof b.resolved.path === 'string' ? b.resolved.path.replace(/^\/+|\/+$/g, '') : undefined;
    return path === undefined ? [] : [{ block: b, path, data: dataOf(b.resolved.data_json) }];
  });
  const mounts = new Set<string>();
  for (const { block, path, data } of candidates) {
    const role = /^(.+)\/role\/([^/]+)$/.exec(path);
    if (role && data && ROLE_FIELDS.some((f) => f in data)) {
      mounts.add(role[1]);
      const actor = actorOf(data.actor_template);
      const issuer = boundId(data.bound_issuer);
      const key = literalOf(data.key);
      roles.push({
        address: block.address,
        mount: role[1],
        name: role[2],
        boundAudiences: boundList(data.bound_audiences),
        context: contextOf(data.context),
        ...(issuer ? { boundIssuer: issuer } : {}),
        actor,
        ...(key !== undefined ? { key } : {}),
        ...(data.ttl !== undefined ? { ttl: parseTtl(data.ttl) } : {}),
        actorTemplate: parseClaims(data.actor_template),
        subjectTemplate: parseClaims(data.subject_template),
      });
      endpoints.push({ address: block.address, mount: role[1], path });
      if (onlyKnownFields(data, EXCHANGE_FIELDS.role)) modelled.add(block.address);
    }
    const config = /^(.+)\/config$/.exec(path);
    if (config && data && 'subject_jwks_uri' in data) mounts.add(config[1]);
  }
  // Config and key writes under an engine mount are engine administration.
  for (const { block, path, data } of candidates) {
    const m = /^(.+)\/(config|key\/[^/]+)$/.exec(path);
    if (!m || !mounts.has(m[1])) continue;
    endpoints.push({ address: block.address, mount: m[1], path });
    const isConfig = m[2] === 'config';
    if (data && onlyKnownFields(data, isConfig ? EXCHANGE_FIELDS.config : EXCHANGE_FIELDS.key)) modelled.add(block.address);
    if (isConfig && data) {
      const issuer = literalOf(data.issuer);
      configs.push({
        address: block.address,
        mount: m[1],
        ...(issuer !== undefined ? { issuer } : {}),
        ...(typeof data.subject_jwks_uri === 'string' ? { subjectJwksUri: data.subject_jwks_uri } : {}),
        ...(data.default_ttl !== undefined ? { defaultTtl: parseTtl(data.default_ttl) } : {}),
      });
    }
  }
  return {
    roles: roles.sort((a, b) => compareStrings(a.address, b.address)),
    endpoints: endpoints.sort((a, b) => compareStrings(a.path, b.path)),
    configs: configs.sort((a, b) => compareStrings(a.address, b.address)),
    modelled,
  };
}
