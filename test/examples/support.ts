/**
 * Synthesizes an example topology file the way `vault-a2a synth` does, and reads the result back
 * as a reviewer would: Vault object names instead of construct ids, references followed.
 */
import { Testing } from 'cdktf';
import { topologyApp } from '../../lib/app';
import type { TerraformJson } from '../support/synth';
import { quoteTemplateParameters } from '../../lib/vault/identity-template';

export function synthExample(file: string): { json: TerraformJson; text: string } {
  const result = topologyApp(file, () => Testing.app());
  if (!result.ok) throw new Error(result.message);
  const text = Testing.synth(result.stack);
  return { json: JSON.parse(text) as TerraformJson, text };
}

type Body = Record<string, unknown>;

/** Resource type → sorted Vault names (`name`, `role_name`, …) of every resource of that type. */
export function inventory(json: TerraformJson): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(json.resource ?? {})
      .map(([type, byId]): [string, string[]] => [type, Object.values(byId).map((b) => vaultName(json, b)).sort()])
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

function vaultName(json: TerraformJson, body: Body): string {
  // vault_identity_entity_alias, vault_identity_oidc_key_allowed_client_id: name what they join.
  if (typeof body.canonical_id === 'string') return `${deref(json, body.canonical_id)}<-${String(body.name)}`;
  if (typeof body.allowed_client_id === 'string') return `${deref(json, body.key_name as string)}<-${deref(json, body.allowed_client_id)}`;
  for (const attr of ['name', 'role_name']) if (typeof body[attr] === 'string') return body[attr] as string;
  return JSON.stringify(body);
}

/** `${type.id.attr}` → the Vault name of that resource (`type:name`), for readable assertions. */
export function deref(json: TerraformJson, ref: string): string {
  const m = /^\$\{(data\.)?([a-z_]+)\.([^.}]+)\.[a-z_]+\}$/.exec(ref);
  if (!m) return ref;
  const body = (m[1] ? json.data : json.resource)?.[m[2]]?.[m[3]] as Body | undefined;
  if (!body) throw new Error(`dangling reference ${ref}`);
  return `${m[2]}:${String(body.name ?? body.role_name ?? body.path)}`;
}

/** The one resource of `type` whose Vault name is `name`. */
export function byName(json: TerraformJson, type: string, name: string): Body {
  const found = Object.values(json.resource?.[type] ?? {}).filter((b) => b.name === name || b.role_name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} named ${name}, found ${found.length}`);
  return found[0];
}

/** Policy name → document, for asserting exact policy text. */
export function policies(json: TerraformJson): Record<string, string> {
  return Object.fromEntries(Object.values(json.resource?.vault_policy ?? {}).map((b) => [String(b.name), String(b.policy)]));
}

/** A claim template's claims: Vault template parameters (`{{identity.…}}`, unquoted in value position) read as the string "{{…}}". */
export function claimsOf(template: unknown): Record<string, unknown> {
  return JSON.parse(quoteTemplateParameters(template as string).json) as Record<string, unknown>;
}

/** What every identity token says about the agent that minted it, read from its entity's metadata. */
export const AGENT_CLAIM_FROM_METADATA = {
  a2a_agent: { name: '{{identity.entity.metadata.a2a_agent}}', owner: '{{identity.entity.metadata.a2a_owner}}', type: 'headless' },
};
