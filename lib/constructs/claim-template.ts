/**
 * Checks Vault claim templates (OIDC scope templates and identity-token role templates).
 *
 * Vault fills registered claims itself; a template that sets one of them either fails or, worse,
 * lets a template author forge the subject or audience. Templates may use Vault's identity
 * templating (`{{identity.entity.id}}`), but not `${` / `%{`: the template is a Terraform string,
 * and Terraform would evaluate those.
 */
import { isVaultTemplateParameter, quoteTemplateParameters } from '../vault/identity-template';
import type { Issues } from './validate';

/** Claims Vault sets (or reserves) and templates must leave alone. */
export const RESERVED_CLAIMS: readonly string[] = [
  'iss',
  'sub',
  'aud',
  'iat',
  'exp',
  'nonce',
  'auth_time',
  'at_hash',
  'c_hash',
  'namespace',
];

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A template as data: top-level claim name → value (strings may use `{{identity.…}}`). */
export type ClaimTemplate = { readonly [claim: string]: JsonValue };

/**
 * Validates `template` and returns the JSON text to store in Vault. A string is kept as written
 * (so a plan's canonical JSON reaches Vault byte for byte); an object is serialized.
 */
export function claimTemplateJson(issues: Issues, field: string, template: string | ClaimTemplate): string {
  const text = typeof template === 'string' ? template : JSON.stringify(template);
  let parsed: unknown;
  const quoted = quoteTemplateParameters(text);
  const unknown = quoted.parameters.filter((p) => !isVaultTemplateParameter(p));
  if (unknown.length > 0) {
    issues.add(`${field} uses ${unknown.map((p) => `{{${p}}}`).join(', ')}, which Vault's identity templating does not know; use {{identity.entity.…}}, {{identity.groups.…}} or {{time.now…}}`);
  }
  try {
    parsed = JSON.parse(quoted.json);
  } catch (e) {
    issues.add(`${field} is not valid JSON (${(e as Error).message}); write a JSON object such as {"claim": true}`);
    return text;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    issues.add(`${field} must be a JSON object mapping claim names to values, e.g. {"claim": true}`);
    return text;
  }
  const reserved = Object.keys(parsed).filter((k) => RESERVED_CLAIMS.includes(k));
  if (reserved.length > 0) {
    issues.add(
      `${field} sets reserved claim(s) ${reserved.map((k) => JSON.stringify(k)).join(', ')}; Vault sets these itself, use another claim name`,
    );
  }
  if (text.includes('${') || text.includes('%{')) {
    issues.add(`${field} contains "\${" or "%{", which Terraform would evaluate; use Vault templating {{identity.…}} only`);
  }
  return text;
}
