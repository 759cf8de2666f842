/**
 * The RFC 8693 token-exchange engine (identity-delegation secrets plugin) as the checks see it.
 * The plugin has no Terraform resources of its own; it is configured with `vault_generic_endpoint`
 * writes, recognised here by the plugin's own fields: roles (`<mount>/role/<name>`) carry
 * `actor_template`/`subject_template`, the config (`<mount>/config`) carries `subject_jwks_uri`.
 */
import { isObject, Json } from './json';
import type { ExchangeActor, ExchangeEndpoint, ExchangeRole } from './model';
import { parseClaims } from './claims';
import { blocksOfType, SynthesizedStack } from './stack';
import { idValue, IdValue } from './values';
import { compareStrings } from '../vault/order';

const ROLE_FIELDS = ['actor_template', 'subject_template'];

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

/** Every write to an identity-delegation engine: roles, config and keys, by mount. */
export function readExchange(stack: SynthesizedStack): { roles: ExchangeRole[]; endpoints: ExchangeEndpoint[] } {
  const roles: ExchangeRole[] = [];
  const endpoints: ExchangeEndpoint[] = [];
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
      roles.push({
        address: block.address,
        mount: role[1],
        name: role[2],
        boundAudiences: boundList(data.bound_audiences),
        context: contextOf(data.context),
        ...(issuer ? { boundIssuer: issuer } : {}),
        actor,
      });
      endpoints.push({ address: block.address, mount: role[1], path });
    }
    const config = /^(.+)\/config$/.exec(path);
    if (config && data && 'subject_jwks_uri' in data) mounts.add(config[1]);
  }
  // Config and key writes under an engine mount are engine administration.
  for (const { block, path } of candidates) {
    const m = /^(.+)\/(config|key\/[^/]+)$/.exec(path);
    if (m && mounts.has(m[1])) endpoints.push({ address: block.address, mount: m[1], path });
  }
  return {
    roles: roles.sort((a, b) => compareStrings(a.address, b.address)),
    endpoints: endpoints.sort((a, b) => compareStrings(a.path, b.path)),
  };
}
