/**
 * Where a stack writes: its default vault provider's address and namespace. Every policy path,
 * identity object and issuer URL the model reads is relative to it, so comparing access (with a
 * topology, or with another version of the stack) means something only where the targets agree.
 */
import { literalOf } from './expressions';

export type VaultTargetReading =
  /** `namespace` is '' for the root namespace; `address` undefined when the block has none (VAULT_ADDR). */
  | { readonly kind: 'read'; readonly address: string | undefined; readonly namespace: string; readonly namespaceSet: boolean }
  | { readonly kind: 'unreadable'; readonly why: string };

export function readVaultTarget(document: { readonly provider?: unknown }): VaultTargetReading {
  const providers = isObject(document.provider) ? document.provider.vault : undefined;
  const blocks = Array.isArray(providers) ? providers : providers === undefined ? [] : [providers];
  const main = blocks.filter((b) => !isObject(b) || b.alias === undefined);
  if (main.length === 0) return { kind: 'unreadable', why: 'the stack has no default vault provider block: the address and namespace would come from the environment at apply time' };
  if (main.length > 1 || !isObject(main[0])) return { kind: 'unreadable', why: `the stack has ${main.length} default vault provider blocks; Terraform accepts one` };
  const provider = main[0];
  const address = provider.address === undefined ? undefined : literalOf(provider.address);
  if (provider.address !== undefined && address === undefined) return { kind: 'unreadable', why: `the vault provider's address is an expression, ${JSON.stringify(provider.address)}: where the stack writes cannot be read` };
  const namespace = provider.namespace === undefined ? '' : literalOf(provider.namespace);
  if (namespace === undefined) return { kind: 'unreadable', why: `the vault provider's namespace is an expression, ${JSON.stringify(provider.namespace)}: where the stack writes cannot be read` };
  return { kind: 'read', address: address === undefined ? undefined : normalizeVaultAddress(address), namespace: normalizeVaultNamespace(namespace), namespaceSet: provider.namespace !== undefined };
}

/** `https://Vault.example.com:443/` and `https://vault.example.com` are one server. */
export function normalizeVaultAddress(address: string): string {
  try {
    return new URL(address.trim()).href.replace(/\/+$/, '');
  } catch {
    return address.trim();
  }
}

/** Vault ignores leading and trailing slashes of a namespace path; '' is the root namespace. */
export function normalizeVaultNamespace(namespace: string | undefined): string {
  return (namespace ?? '').trim().replace(/^\/+|\/+$/g, '');
}

export function describeVaultNamespace(namespace: string): string {
  return namespace === '' ? 'the root namespace' : `namespace "${namespace}"`;
}

/** One line naming a target, for reports. */
export function describeVaultTarget(target: VaultTargetReading): string {
  if (target.kind === 'unreadable') return target.why;
  return `${target.address ?? 'the address in VAULT_ADDR'}, ${target.namespaceSet ? describeVaultNamespace(target.namespace) : 'no namespace set (the root namespace, or VAULT_NAMESPACE)'}`;
}

/**
 * Whether two versions of a stack write to the same place: the same literal address and namespace,
 * or the same expressions (one variable, set alike for both versions).
 */
export function sameVaultTarget(a: VaultTargetReading, b: VaultTargetReading): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
