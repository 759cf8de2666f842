/** Claim templates (OIDC scopes, identity-token roles, token-exchange roles) read as claims. */
import { parseTemplate } from './expressions';
import { isObject, Json } from './json';
import type { ClaimTemplate, MayActEntry } from './model';
import { idValue } from './values';
import { quoteTemplateParameters } from '../vault/identity-template';
import { compareStrings } from '../vault/order';

/** Printable (JSON strings may not hold control characters) and not something a template contains. */
const SENTINEL = '@@a2a-ref@@';
const SENTINELS = new RegExp(`${SENTINEL}(\\d+)${SENTINEL}`, 'g');

/**
 * Parses a claim template. Interpolations (`${vault_identity_oidc_client.x.client_id}` inside a
 * may_act entry) are swapped for sentinels, the JSON is parsed, and sentinels are mapped back.
 */
export function parseClaims(template: Json | undefined): ClaimTemplate {
  if (typeof template !== 'string' || template.trim() === '') return { kind: 'none' };
  const interpolations: string[] = [];
  const text = parseTemplate(template)
    .map((p) => {
      if (p.kind === 'text') return p.text;
      interpolations.push(`\${${p.expression}}`);
      return `${SENTINEL}${interpolations.length - 1}${SENTINEL}`;
    })
    .join('');
  let value: Json;
  try {
    // Vault template parameters (`{{identity.entity.metadata.x}}`) stand unquoted in value position.
    value = JSON.parse(quoteTemplateParameters(text).json) as Json;
  } catch (err) {
    return { kind: 'invalid', error: `not valid JSON: ${(err as Error).message}` };
  }
  if (!isObject(value)) return { kind: 'invalid', error: 'not a JSON object of claims' };
  const restore = (v: Json): Json => {
    if (typeof v === 'string') return v.includes(SENTINEL) ? v.replace(SENTINELS, (_, i: string) => interpolations[Number(i)]!) : v;
    if (Array.isArray(v)) return v.map(restore);
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]));
    return v;
  };
  // Without sentinels there is nothing to map back: the parsed value is already what restore would copy.
  const restored = (text.includes(SENTINEL) ? restore(value) : value) as { [k: string]: Json };
  const keys = Object.keys(restored).sort(compareStrings);
  const mayAct = readMayAct(restored.may_act);
  return { kind: 'claims', keys, value: restored, ...(mayAct ? { mayAct } : {}) };
}

function readMayAct(value: Json | undefined): MayActEntry[] | undefined {
  if (value === undefined) return undefined;
  const entries = Array.isArray(value) ? value : [value];
  return entries.filter(isObject).map((e) => ({ clientId: idValue(e.client_id ?? null), sub: idValue(e.sub ?? null) }));
}
