/** Vault's ACL capabilities: the one list every layer uses (plan, constructs, analysis, review). */

/** Vault ACL capabilities, in the order Vault documents them. */
export const CAPABILITIES = ['create', 'read', 'update', 'patch', 'delete', 'list', 'sudo', 'deny', 'subscribe', 'recover'] as const;

export type Capability = (typeof CAPABILITIES)[number];

const KNOWN = new Set<string>(CAPABILITIES);

export function isCapability(value: string): value is Capability {
  return KNOWN.has(value);
}

/** Sorted in CAPABILITIES order, without duplicates; `deny` alone when present (deny wins). */
export function normalizeCapabilities(caps: Iterable<Capability>): Capability[] {
  const set = new Set(caps);
  if (set.has('deny')) return ['deny'];
  return CAPABILITIES.filter((c) => set.has(c));
}

/** The pre-0.9 `policy = "..."` shorthand Vault still accepts, as capabilities. */
export const LEGACY_POLICY: Readonly<Record<string, readonly Capability[]>> = {
  deny: ['deny'],
  read: ['read', 'list'],
  write: ['create', 'read', 'update', 'delete', 'list'],
  sudo: ['create', 'read', 'update', 'delete', 'list', 'sudo'],
};
