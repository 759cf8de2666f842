/**
 * Resource-level changes between two versions of a stack, matched by Vault object
 * (vault-objects.ts), and whether each one changes anybody's access.
 *
 * "Changes access" is decided by trying: the change alone applied to the old stack, and the
 * change alone reverted in the new stack; if either alters the access report, the change is
 * part of what the access diff shows. A rename (same Vault object, same configuration) never
 * does, by construction; a description edit does not either, and this says so by computing it.
 *
 * The access model reads some resource types completely (everything about them that decides
 * who can do what) and others not at all or in part (OIDC keys, auth-method configuration,
 * resource-server profiles, mounts). A change to one of those that the model does not see is
 * `not-modelled`, not `unchanged`: a reviewer has to judge it.
 */
import type { JsonObject } from '../analysis/json';
import { blockTypeUse } from '../analysis/model-inventory';
import { readStack } from '../analysis/stack';
import { stableJson } from './json';
import type { VaultObject } from './vault-objects';
import { compareStrings } from '../vault/order';
import { own, setOwn } from '../vault/own';

export interface ResourceChange {
  /** `renamed`: same Vault object under a new Terraform address (`attributes` lists what else changed). */
  readonly change: 'added' | 'removed' | 'renamed' | 'changed';
  /** Resource type (`vault_policy`), `data.<type>`, `output`, or a top-level block (`provider`, `terraform`). */
  readonly type: string;
  /** The Vault object, by name: `a2a-agent-test-client`, `kubernetes/test-client`; an output's name; empty for `provider`/`terraform`. */
  readonly name: string;
  /** Terraform address in the new version (absent when removed). */
  readonly address?: string;
  /** Terraform address in the old version, when removed or renamed. */
  readonly previousAddress?: string;
  /** Top-level arguments whose value changed (meta-arguments such as `depends_on` included). */
  readonly attributes: readonly string[];
  /**
   * `changes`: this change is behind the access changes (its resource is a source of access one
   * version holds and the other does not; see `classifyResourceChanges`);
   * `unchanged`: it does not, and the access model reads this type of resource completely;
   * `not-modelled`: it does not as far as the access model can tell, which does not read
   * everything about this type of resource (see MODELLED_TYPES).
   */
  readonly access: 'changes' | 'unchanged' | 'not-modelled';
}

/**
 * Resource types the access model reads completely, or knows not to change access (see
 * lib/analysis/model-inventory.ts): any other type is unreadable there, which every change to it
 * shows as a change of access. Outputs change no Vault object and count as modelled; provider and
 * terraform blocks do not.
 */
export function isModelledType(type: string): boolean {
  return blockTypeUse(type) !== 'unreadable';
}

/** @deprecated The model reads every block type now or reports it; use `isModelledType`. */
export const MODELLED_TYPES: ReadonlySet<string> = new Set([
  'vault_policy',
  'data.vault_policy_document',
  'vault_identity_entity',
  'vault_identity_entity_alias',
  'vault_identity_entity_policies',
  'vault_identity_group',
  'vault_identity_group_policies',
  'vault_identity_group_member_entity_ids',
  'vault_identity_oidc_client',
  'vault_identity_oidc_provider',
  'vault_identity_oidc_scope',
  'vault_identity_oidc_assignment',
  'vault_identity_oidc_role',
  'vault_kubernetes_auth_backend_role',
  'vault_jwt_auth_backend_role',
  'vault_approle_auth_backend_role',
  'vault_cert_auth_backend_role',
  'vault_identity_group_alias',
  'vault_agent_registration',
  'data.vault_auth_backend',
  // Audit devices and audited headers grant nothing; the model reads every argument the audit rules judge.
  'vault_audit',
  'vault_audit_request_header',
  // Grants nothing: it only replaces the OIDC client that names it (a new client_id and secret).
  'terraform_data',
]);

export type ObjectSet = ReadonlyMap<string, VaultObject>;

/** Renders a stack's access for comparison; equal strings ⇔ equal access. */
export type AccessFingerprint = (objects: ObjectSet) => Promise<string>;

function changedAttributes(a: VaultObject, b: VaultObject): string[] {
  const keys = new Set([...Object.keys(a.resolved), ...Object.keys(b.resolved)]);
  return [...keys].filter((k) => stableJson(own(a.resolved, k) ?? null) !== stableJson(own(b.resolved, k) ?? null)).sort(compareStrings);
}

interface Pending extends Omit<ResourceChange, 'access'> {
  readonly canonicalAddress: string;
}

export function matchObjects(before: ObjectSet, after: ObjectSet): Pending[] {
  const out: Pending[] = [];
  for (const [canonical, old] of before) {
    const now = after.get(canonical);
    if (!now) {
      out.push({ change: 'removed', type: old.type, name: old.name, previousAddress: old.address, attributes: [], canonicalAddress: canonical });
      continue;
    }
    const attributes = changedAttributes(old, now);
    if (old.address !== now.address) out.push({ change: 'renamed', type: now.type, name: now.name, address: now.address, previousAddress: old.address, attributes, canonicalAddress: canonical });
    else if (attributes.length > 0) out.push({ change: 'changed', type: now.type, name: now.name, address: now.address, attributes, canonicalAddress: canonical });
  }
  for (const [canonical, now] of after)
    if (!before.has(canonical)) out.push({ change: 'added', type: now.type, name: now.name, address: now.address, attributes: [], canonicalAddress: canonical });
  return out.sort((a, b) => compareStrings(a.type, b.type) || compareStrings(a.name, b.name) || compareStrings(a.canonicalAddress, b.canonicalAddress));
}

/** `objects` with the object at `canonical` taken from `source` (or dropped when `source` has none). */
function swap(objects: ObjectSet, canonical: string, source: ObjectSet): Map<string, VaultObject> {
  const out = new Map(objects);
  const replacement = source.get(canonical);
  if (replacement) out.set(canonical, replacement);
  else out.delete(canonical);
  return out;
}

/**
 * Every resource change with its effect on access decided. Outputs and top-level blocks never
 * feed the access model; when the two versions have the same access, no single change does
 * either, and nothing is tried.
 */
export async function diffResources(before: ObjectSet, after: ObjectSet, fingerprint: AccessFingerprint): Promise<ResourceChange[]> {
  const pending = matchObjects(before, after);
  const [base, head] = [await fingerprint(before), await fingerprint(after)];
  const wholeStack = before.size === 0 || after.size === 0;
  const out: ResourceChange[] = [];
  for (const { canonicalAddress, ...change } of pending) {
    const object = after.get(canonicalAddress) ?? before.get(canonicalAddress)!;
    const inStack = object.section === 'resource' || object.section === 'data';
    // Same Vault object, same configuration: nothing in Vault changes.
    const onlyRenamed = change.change === 'renamed' && change.attributes.length === 0;
    let changes = false;
    if (base !== head && inStack && !onlyRenamed) {
      // A stack added or removed whole: its resources together are the change; trying each one
      // against an empty stack would cost two analyses per resource and say nothing more.
      changes = wholeStack || (await fingerprint(swap(before, canonicalAddress, after))) !== base || (await fingerprint(swap(after, canonicalAddress, before))) !== head;
    }
    // Outputs change no Vault object; provider and terraform blocks (namespace, address, provider
    // version) change how all of them are applied, which the access model does not read.
    const access = changes ? 'changes' : object.section === 'output' || onlyRenamed || (inStack && isModelledType(object.type)) ? 'unchanged' : 'not-modelled';
    out.push({ ...change, access });
  }
  return out;
}

/** Terraform addresses behind the access changes: on the old side (lost access) and on the new side (gained access). */
export interface AccessChangeSources {
  readonly before: ReadonlySet<string>;
  readonly after: ReadonlySet<string>;
}

/**
 * Every resource change with its effect on access decided from the access comparison computed
 * once per side: a change `changes` access when the resource (at its old or new address) is one
 * the changed access comes from (the sources of the facts, limits and paths one side holds and
 * the other does not, and the resources defining a principal only one side has). Linear in the
 * size of the stacks, where `diffResources` analyses the whole stack twice per change.
 *
 * `undefined` when the access differs but no changed resource is among its sources (access that
 * moved through something the sources do not name): the caller then decides by trying
 * (`diffResources`).
 */
export function classifyResourceChanges(before: ObjectSet, after: ObjectSet, sources: AccessChangeSources | undefined): ResourceChange[] | undefined {
  const pending = matchObjects(before, after);
  const wholeStack = before.size === 0 || after.size === 0;
  const out: ResourceChange[] = [];
  let anyChanges = false;
  for (const { canonicalAddress, ...change } of pending) {
    const old = before.get(canonicalAddress);
    const now = after.get(canonicalAddress);
    const object = now ?? old!;
    const inStack = object.section === 'resource' || object.section === 'data';
    const onlyRenamed = change.change === 'renamed' && change.attributes.length === 0;
    const changes =
      sources !== undefined && inStack && !onlyRenamed && (wholeStack || (old !== undefined && sources.before.has(old.address)) || (now !== undefined && sources.after.has(now.address)));
    anyChanges ||= changes;
    const access = changes ? 'changes' : object.section === 'output' || onlyRenamed || (inStack && isModelledType(object.type)) ? 'unchanged' : 'not-modelled';
    out.push({ ...change, access });
  }
  if (sources !== undefined && !anyChanges && out.some((c) => c.change !== 'renamed' || c.attributes.length > 0)) return undefined;
  return out;
}

/**
 * A Terraform JSON document holding the resources and data sources of `objects` under their
 * canonical addresses (outputs and provider blocks do not affect access and are left out).
 */
export function canonicalDocument(objects: ObjectSet): JsonObject {
  // By type in Maps: a type is input (`__proto__` or `constructor` must be a type like any other).
  const sections = { resource: new Map<string, Record<string, JsonObject>>(), data: new Map<string, Record<string, JsonObject>>() };
  for (const o of objects.values()) {
    if (o.section !== 'resource' && o.section !== 'data') continue;
    const type = o.section === 'data' ? o.type.slice('data.'.length) : o.type;
    const name = o.canonicalAddress.slice(o.canonicalAddress.lastIndexOf('.') + 1);
    const byName = sections[o.section].get(type) ?? {};
    sections[o.section].set(type, byName);
    setOwn(byName, name, o.config);
  }
  return { resource: Object.fromEntries(sections.resource), data: Object.fromEntries(sections.data) };
}

/** Reads `objects` back as a stack named `name`, for the access model. */
export function canonicalStack(name: string, objects: ObjectSet) {
  return readStack(canonicalDocument(objects), { name });
}
