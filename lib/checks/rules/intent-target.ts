import { describeVaultNamespace, normalizeVaultAddress, normalizeVaultNamespace, readVaultTarget } from '../../analysis/vault-target';
import type { Rule, RuleFinding } from '../rule';
import { RULE_ID } from '../../vault/rule-ids';

/**
 * Every path a policy names, every identity object and every issuer URL is relative to the Vault
 * server and namespace the stack's provider writes to. The other rules, and the comparison with the
 * topology, read the stack as if it wrote where the topology says: this one checks that it does.
 */
export const intentTarget: Rule = {
  id: RULE_ID.INTENT_TARGET,
  statement: "The stack's vault provider writes to the Vault address and namespace the topology names (given the topology's plan).",
  severity: 'error',
  explanation:
    "Vault writes identity objects and policies by name: a stack pointed at another namespace or server creates its clients, assignments and policies there, and where a name is already taken it overwrites that namespace's own object (another team's client, say), while the comparison with the topology finds nothing, because it compares names relative to the namespace. An address or namespace that is an expression, or left to VAULT_ADDR and VAULT_NAMESPACE, can point anywhere at apply time, so it fails too.",
  fix: 'Synthesize the stack again from the topology (its provider is written from vault.address and vault.namespace), or change those in the topology; for a provider configured elsewhere on purpose, suppress with the reason.',
  check(context) {
    const intended = context.settings.vaultTarget;
    if (!intended) return [];
    const at = (message: string): RuleFinding => ({ resource: 'provider.vault', message });
    const target = readVaultTarget(context.stack.document as { readonly provider?: unknown });
    if (target.kind === 'unreadable') return [at(`${target.why}; the topology names ${intended.address}, ${describeVaultNamespace(normalizeVaultNamespace(intended.namespace))}`)];
    const findings: RuleFinding[] = [];
    if (target.address === undefined) findings.push(at(`the vault provider has no address (Terraform would read VAULT_ADDR at apply time); the topology names ${intended.address}`));
    else if (target.address !== normalizeVaultAddress(intended.address)) findings.push(at(`the vault provider writes to ${target.address}; the topology names ${intended.address}`));
    const namespace = normalizeVaultNamespace(intended.namespace);
    // Unset, the provider reads VAULT_NAMESPACE at apply time, and without it writes to the root namespace.
    if (!target.namespaceSet && namespace !== '') findings.push(at(`the vault provider sets no namespace (the root namespace, or VAULT_NAMESPACE at apply time); the topology names ${describeVaultNamespace(namespace)}`));
    else if (target.namespace !== namespace) findings.push(at(`the vault provider writes to ${describeVaultNamespace(target.namespace)}; the topology names ${describeVaultNamespace(namespace)}`));
    return findings;
  },
};
