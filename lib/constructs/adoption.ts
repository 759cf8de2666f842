/**
 * Adopting principals that already exist in Vault.
 *
 * Vault creates an entity and an alias at a user's or agent's first login. Once it has, creating
 * the stack's `vault_identity_entity_alias` for the same name and mount fails ("entity alias
 * already exists for mount accessor"), so platform teams moving existing users and agents onto a
 * topology must import those objects instead. Terraform 1.5+ does that with `import` blocks,
 * which need the Vault ids: the provider imports `vault_identity_entity` and
 * `vault_identity_entity_alias` by their `id` (terraform-provider-vault,
 * website/docs/r/identity_entity*.html.md). Only the live Vault knows them, so adoption has
 * two steps:
 *
 * 1. `lookupScript(plan)`: a shell script asking Vault, for each principal whose alias name is
 *    known in advance, `identity/lookup/entity` with `alias_name` and `alias_mount_accessor`
 *    (Vault API: /identity/lookup/entity). It prints what it found as one JSON list of
 *    `{ alias, mount, entity }` (entity: the lookup's `data`, whose `aliases` carry their ids).
 * 2. `adoptionFromLookups(plan, lookups)`: matches that list to the topology's entities by alias
 *    (mount path, name) and returns entity id and alias id per principal; `A2aVaultTopology`
 *    (prop `adopt`) turns them into import blocks with cdktf's `importFrom`.
 *
 * AppRole agents are never adopted: their alias is the role id of a login role this stack
 * creates, which no earlier login can have used.
 */
import type { AccessPlan } from '../plan/types';
import { compareStrings } from '../vault/order';

/** An existing entity and its alias, by Vault id. */
export interface AdoptedPrincipal {
  readonly entityId: string;
  readonly aliasId: string;
}

/** Entity name (user or agent) → its existing Vault objects. */
export type Adoption = Readonly<Record<string, AdoptedPrincipal>>;

/** A principal whose alias is known before it logs in: what can be looked up and adopted. */
export interface AdoptionCandidate {
  readonly entity: string;
  readonly kind: 'user' | 'agent';
  /** Auth mount path, without `auth/`. */
  readonly mountPath: string;
  readonly aliasName: string;
  /** The Vault namespace the stack creates the entity in (`plan.vault.namespace`); none: the provider's. */
  readonly namespace?: string;
}

/** Vault ids are UUIDs; anything else in a lookup file is refused rather than written into configuration. */
const VAULT_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;

export function adoptionCandidates(plan: AccessPlan): AdoptionCandidate[] {
  const mountPaths = new Map(plan.mounts.map((m) => [m.name, m.path]));
  const namespace = plan.vault.namespace;
  return plan.entities
    .flatMap((e): AdoptionCandidate[] => {
      if (!e.alias || e.alias.name.kind !== 'static') return [];
      const mountPath = mountPaths.get(e.alias.mount);
      return mountPath === undefined ? [] : [{ entity: e.name, kind: e.kind, mountPath, aliasName: e.alias.name.value, ...(namespace !== undefined ? { namespace } : {}) }];
    })
    .sort((a, b) => compareStrings(a.entity, b.entity));
}

/** One stack's plan, by stack name: an organization's stacks (lib/plan/organization.ts), or a single topology's one. */
export interface AdoptionStack {
  readonly name: string;
  readonly plan: AccessPlan;
}

/** POSIX shell single quoting: nothing inside is expanded. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A POSIX sh script (needs `vault`, `jq`, VAULT_ADDR and a token allowed to read `sys/auth` and
 * update `identity/lookup/entity`) printing the entities that already exist for the topology's
 * principals, as one JSON list. Principals that never logged in are simply absent.
 */
export function lookupScript(plan: AccessPlan, topologyFile: string): string {
  return stacksLookupScript([{ name: plan.name, plan }], {
    what: `topology "${plan.name}"`,
    command: `vault-a2a adopt ${topologyFile} --lookups <this output> --out cdktf.out/stacks/${plan.name}`,
  });
}

/**
 * The lookup script of an organization (a topology directory): every stack's users and agents,
 * each looked up in its stack's Vault namespace (a team's namespace has auth mounts, accessors
 * and entities of its own), as one JSON list whose entries name the namespace they were found in.
 */
export function organizationLookupScript(stacks: readonly AdoptionStack[], organization: string, topologyDirectory: string): string {
  return stacksLookupScript(stacks, {
    what: `the stacks of organization "${organization}"`,
    command: `vault-a2a adopt ${topologyDirectory} --lookups <this output> --out cdktf.out`,
  });
}

function stacksLookupScript(stacks: readonly AdoptionStack[], about: { readonly what: string; readonly command: string }): string {
  const sections = stacks.map((s) => ({ stack: s.name, candidates: adoptionCandidates(s.plan) })).filter((s) => s.candidates.length > 0);
  const all = sections.flatMap((s) => s.candidates);
  // Accessors differ per namespace: one `vault auth list` per namespace, one accessor per (namespace, mount).
  const namespaces = [...new Set(all.map((c) => c.namespace ?? ''))].sort(compareStrings);
  const mountKey = (c: { namespace?: string; mountPath: string }) => `${c.namespace ?? ''}\u0000${c.mountPath}`;
  const mounts = [...new Map(all.map((c) => [mountKey(c), c])).values()].sort((a, b) => compareStrings(mountKey(a), mountKey(b)));
  const accessorOf = new Map(mounts.map((m, i) => [mountKey(m), `$acc_${i}`]));
  const listOf = (ns: string) => `"$mounts_${namespaces.indexOf(ns)}"`;
  const nsArg = (ns: string | undefined) => shellQuote(ns ?? '');
  const lines = [
    '#!/bin/sh',
    `# Looks up the Vault entities that already exist for the principals of ${about.what}`,
    '# (Vault creates an entity and an alias at first login). Prints them as one JSON list for',
    `#   ${about.command}`,
    '# Needs vault and jq, VAULT_ADDR, and a token that may read sys/auth and update identity/lookup/entity',
    `# in ${namespaces.length === 1 && namespaces[0] === '' ? 'the namespace VAULT_NAMESPACE names, if any' : 'each namespace named below (the empty one: the namespace VAULT_NAMESPACE names, if any)'}.`,
    '# Generated by vault-a2a adopt; it only reads.',
    'set -eu',
    '# in_namespace <namespace> <vault arguments…>: the empty namespace is the one VAULT_NAMESPACE names, if any.',
    'in_namespace() {',
    '  ns=$1; shift',
    '  if [ -n "$ns" ]; then VAULT_NAMESPACE=$ns vault "$@"; else vault "$@"; fi',
    '}',
    '# accessor <auth list> <mount path> <namespace>',
    'accessor() {',
    '  acc=$(printf \'%s\' "$1" | jq -r --arg p "$2/" \'.[$p].accessor // empty\')',
    '  if [ -z "$acc" ]; then echo "no auth mount at $2/${3:+ in namespace $3}" >&2; exit 1; fi',
    '  printf \'%s\' "$acc"',
    '}',
    '# lookup <alias name> <mount path> <accessor> <namespace>: the entity holding that alias, with what was asked.',
    '# Vault answers 204 (and the CLI a line of text) when no entity has the alias: keep JSON only.',
    'lookup() {',
    '  out=$(in_namespace "$4" write -format=json identity/lookup/entity alias_name="$1" alias_mount_accessor="$3")',
    '  case "$out" in',
    '    "{"*) printf \'%s\' "$out" | jq -c --arg a "$1" --arg m "$2" --arg n "$4" \'{alias: $a, mount: $m} + (if $n == "" then {} else {namespace: $n} end) + {entity: .data}\' ;;',
    '  esac',
    '}',
    ...namespaces.map((ns, i) => `mounts_${i}=$(in_namespace ${shellQuote(ns)} auth list -format=json)`),
    ...mounts.map((m, i) => `acc_${i}=$(accessor ${listOf(m.namespace ?? '')} ${shellQuote(m.mountPath)} ${nsArg(m.namespace)})`),
    '{',
    ...sections.flatMap((s) => [
      ...(stacks.length > 1 ? [`  # stack ${s.stack}`] : []),
      ...s.candidates.map((c) => `  lookup ${shellQuote(c.aliasName)} ${shellQuote(c.mountPath)} "${accessorOf.get(mountKey(c))}" ${nsArg(c.namespace)}  # ${c.kind} ${c.entity}`),
    ]),
    "} | jq -s '.'",
    '',
  ];
  return lines.join('\n');
}

export interface AdoptionResult {
  readonly adoption: Adoption;
  /** Candidates found in Vault (adopted), and not found (created on apply). */
  readonly adopted: readonly string[];
  readonly notFound: readonly string[];
  /** Lookup entries that match no principal of the topology (reported, not adopted). */
  readonly ignored: readonly string[];
  /** Input that cannot be adopted safely; nothing should be written when there is any. */
  readonly problems: readonly string[];
}

/** An organization's adoption: as a single topology's, and each stack's part (only stacks adopting someone). */
export interface OrganizationAdoptionResult extends AdoptionResult {
  readonly byStack: ReadonlyMap<string, Adoption>;
}

interface LookupAlias {
  readonly id: string;
  readonly name: string;
  readonly mountPath: string;
}

/** `auth/kubernetes/` (how Vault reports an alias's mount, possibly after a namespace) → `kubernetes`. */
function mountPathOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /(?:^|\/)auth\/(.+?)\/*$/.exec(value);
  return m ? m[1] : value.replace(/\/+$/, '');
}

/**
 * Matches Vault entities to the topology's principals by alias. Each lookup is either what the
 * script prints (`{ alias, mount, namespace?, entity }`: the entity holding that alias on that
 * mount, in that namespace) or an entity as Vault returns it (`vault read -format=json
 * identity/entity/id/<id>`, with or without the `{ "data": … }` envelope), matched by its aliases'
 * `mount_path` and `name`.
 */
export function adoptionFromLookups(plan: AccessPlan, lookups: unknown): AdoptionResult {
  const { byStack: _byStack, ...result } = matchLookups([{ name: plan.name, plan }], `topology "${plan.name}"`, lookups);
  return result;
}

/**
 * `adoptionFromLookups` for an organization's stacks: every stack's candidates at once (an entry
 * belongs to the one stack whose principal holds the alias, in the namespace the entry was looked
 * up in), and the adoption split by the stack that creates each principal.
 */
export function organizationAdoptionFromLookups(stacks: readonly AdoptionStack[], organization: string, lookups: unknown): OrganizationAdoptionResult {
  return matchLookups(stacks, `organization "${organization}"`, lookups);
}

function matchLookups(stacks: readonly AdoptionStack[], what: string, lookups: unknown): OrganizationAdoptionResult {
  const problems: string[] = [];
  const ignored: string[] = [];
  const candidates = stacks.flatMap((s) => adoptionCandidates(s.plan).map((c) => ({ ...c, stack: s.name })));
  const key = (mountPath: string, name: string): string => `${mountPath}\u0000${name}`;
  // Within one namespace an alias (mount, name) is one principal's; across namespaces it may repeat.
  const byAlias = new Map<string, (typeof candidates)[number][]>();
  for (const c of candidates) byAlias.set(key(c.mountPath, c.aliasName), [...(byAlias.get(key(c.mountPath, c.aliasName)) ?? []), c]);
  const found = new Map<string, AdoptedPrincipal>();
  const list = Array.isArray(lookups) ? lookups : [lookups];
  list.forEach((raw, i) => {
    const where = `lookups[${i}]`;
    const asked = raw !== null && typeof raw === 'object' && 'entity' in raw ? (raw as { alias?: unknown; mount?: unknown; namespace?: unknown; entity: unknown }) : undefined;
    let entity: unknown = asked ? asked.entity : raw;
    if (entity !== null && typeof entity === 'object' && 'data' in entity) entity = (entity as { data: unknown }).data;
    if (entity === null || typeof entity !== 'object') {
      problems.push(`${where}: not a Vault entity (expected an object with "id" and "aliases")`);
      return;
    }
    const { id, name, aliases } = entity as { id?: unknown; name?: unknown; aliases?: unknown };
    if (typeof id !== 'string' || !VAULT_ID.test(id)) {
      problems.push(`${where}: "id" ${JSON.stringify(id)} is not a Vault entity id`);
      return;
    }
    if (asked?.namespace !== undefined && typeof asked.namespace !== 'string') {
      problems.push(`${where}: "namespace" ${JSON.stringify(asked.namespace)} is not a Vault namespace path`);
      return;
    }
    const parsed: LookupAlias[] = [];
    for (const [j, a] of (Array.isArray(aliases) ? aliases : []).entries()) {
      const alias = a as { id?: unknown; name?: unknown; mount_path?: unknown };
      if (typeof alias?.id !== 'string' || !VAULT_ID.test(alias.id) || typeof alias.name !== 'string') {
        problems.push(`${where}.aliases[${j}]: expected "id" and "name" as Vault returns them`);
        continue;
      }
      parsed.push({ id: alias.id, name: alias.name, mountPath: mountPathOf(alias.mount_path) ?? '' });
    }
    // What the script asked names the mount (and namespace) exactly; a bare entity is matched by its aliases' mount paths.
    const askedMount = typeof asked?.mount === 'string' ? asked.mount : undefined;
    const askedNamespace = asked?.namespace as string | undefined;
    const label = `Vault entity ${id}${typeof name === 'string' ? ` (${name})` : ''}`;
    const ambiguous: string[] = [];
    const matches = parsed.flatMap((a) => {
      const mountPath = askedMount !== undefined && a.name === asked?.alias && (a.mountPath === '' || a.mountPath === askedMount) ? askedMount : a.mountPath;
      const all = byAlias.get(key(mountPath, a.name)) ?? [];
      // Looked up in a namespace: that namespace's principal. Otherwise one outside any namespace
      // first (the script names every namespace it asks), else the only one there is.
      const inNamespace = askedNamespace !== undefined ? all.filter((c) => c.namespace === askedNamespace) : all.filter((c) => c.namespace === undefined);
      const chosen = inNamespace.length > 0 || askedNamespace !== undefined ? inNamespace : all;
      if (chosen.length > 1) {
        ambiguous.push(`alias "${a.name}" on auth/${mountPath} is ${chosen.map((c) => `${c.entity}'s in namespace "${c.namespace ?? ''}"`).join(' and ')}`);
        return [];
      }
      return chosen.map((candidate) => ({ candidate, alias: a }));
    });
    if (ambiguous.length > 0) {
      problems.push(`${where}: ${label}: ${ambiguous.join('; ')}; give the lookup script's output, whose entries name the namespace they were found in`);
      return;
    }
    if (matches.length === 0) {
      ignored.push(`${label}: no alias of a principal of ${what}${askedNamespace !== undefined ? ` in namespace "${askedNamespace}"` : ''}`);
      return;
    }
    const principals = [...new Set(matches.map((m) => m.candidate.entity))];
    if (principals.length > 1) {
      problems.push(`${where}: ${label} holds the aliases of ${principals.join(' and ')}, which the topology keeps apart; split the entity in Vault first`);
      return;
    }
    const { candidate, alias } = matches[0]!;
    const previous = found.get(candidate.entity);
    if (previous && previous.entityId !== id) {
      problems.push(`${where}: "${candidate.entity}" appears in two Vault entities (${previous.entityId}, ${id})`);
      return;
    }
    found.set(candidate.entity, { entityId: id, aliasId: alias.id });
  });
  const adoption: Adoption = Object.fromEntries([...found].sort(([a], [b]) => compareStrings(a, b)));
  const stackOf = new Map(candidates.map((c) => [c.entity, c.stack]));
  const byStack = new Map<string, Record<string, AdoptedPrincipal>>();
  for (const [entity, ids] of Object.entries(adoption)) {
    const stack = stackOf.get(entity)!;
    byStack.set(stack, { ...(byStack.get(stack) ?? {}), [entity]: ids });
  }
  return {
    adoption,
    adopted: Object.keys(adoption),
    notFound: candidates.map((c) => c.entity).filter((e) => !found.has(e)).sort(compareStrings),
    ignored,
    problems,
    byStack: new Map(stacks.flatMap((s) => (byStack.has(s.name) ? [[s.name, byStack.get(s.name)!] as const] : []))),
  };
}

/** Problems with an adoption given to `A2aVaultTopology`: unknown principals, AppRole aliases, malformed ids. */
export function adoptionProblems(plan: AccessPlan, adoption: Adoption): string[] {
  const candidates = new Set(adoptionCandidates(plan).map((c) => c.entity));
  const entities = new Set(plan.entities.map((e) => e.name));
  return Object.entries(adoption).flatMap(([name, ids]) => {
    if (!entities.has(name)) return [`adopt.${name}: no user or agent of the topology has this name`];
    if (!candidates.has(name)) return [`adopt.${name}: its alias is the role id of a login role this stack creates, so nothing can exist to adopt`];
    return (['entityId', 'aliasId'] as const)
      .filter((k) => typeof ids[k] !== 'string' || !VAULT_ID.test(ids[k]))
      .map((k) => `adopt.${name}.${k}: ${JSON.stringify(ids[k])} is not a Vault id`);
  });
}
