/**
 * Offline renderings of the templates the stack writes, to prove what a token will carry without
 * a Vault: Vault's JSON-mode identity templating (a parameter outside a string becomes the value
 * as JSON; a missing metadata key ""; a value holding "*" or "+" fails the whole template, and
 * Vault then issues the token without any template claim: sdk/helper/identitytpl/templating.go,
 * docs/vault-semantics.md E1) and the token-exchange plugin's mustache (the value's raw text in
 * place of `{{path}}`, path_token_handlers.go `processTemplate`).
 */
import { quoteTemplateParameters } from '../../lib/vault/identity-template';

export interface TemplateEntity {
  readonly id: string;
  readonly name: string;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Vault JSON mode: the rendered claims, or the error Vault would log (and drop every claim). */
export function renderVaultTemplate(template: string, entity: TemplateEntity): { claims: Record<string, unknown> } | { error: string } {
  const { json } = quoteTemplateParameters(template);
  let failure: string | undefined;
  // Every parameter is now the JSON string "{{…}}" standing alone as a value: replace it with the value.
  const rendered = json.replace(/"\{\{([^{}]*)\}\}"/g, (_, parameter: string) => {
    const value = valueOf(parameter.trim(), entity);
    if (typeof value === 'string' && /[*+]/.test(value)) failure ??= `templated value ${JSON.stringify(value)} contains "*" or "+"`;
    return JSON.stringify(value);
  });
  if (failure !== undefined) return { error: failure };
  return { claims: JSON.parse(rendered) as Record<string, unknown> };
}

function valueOf(parameter: string, entity: TemplateEntity): unknown {
  if (parameter === 'identity.entity.id') return entity.id;
  if (parameter === 'identity.entity.name') return entity.name;
  const m = /^identity\.entity\.metadata\.(.+)$/.exec(parameter);
  if (m) return entity.metadata[m[1]!] ?? '';
  throw new Error(`renderVaultTemplate: no offline value for {{${parameter}}}`);
}

/** The plugin's mustache: `{{a.b.c}}` replaced by the raw text at that path of `context` ("" when absent). */
export function renderMustache(template: string, context: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const rendered = template.replace(/\{\{\s*([^{}\s]+)\s*\}\}/g, (_, path: string) => {
    let value: unknown = context;
    for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? '' : String(value);
  });
  return JSON.parse(rendered) as Record<string, unknown>;
}
