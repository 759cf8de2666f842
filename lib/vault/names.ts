/**
 * Vault's rule for object names. Topology names are stricter (lib/topology/names.ts) and every
 * name the compiler derives from them (lib/plan/naming.ts) satisfies this rule.
 */

/** Vault's GenericNameRegex: object names such as keys, clients, scopes, policies, roles. */
export const VAULT_NAME_PATTERN = /^\w([\w.-]*\w)?$/;
