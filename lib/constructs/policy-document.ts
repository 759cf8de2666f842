/**
 * Renders Vault ACL policy documents (HCL) from `PolicyRule`s. Pure: no CDKTF, no I/O, so it is
 * unit-tested on its own and reused by anyone who needs the exact text `AgentPolicy` writes.
 *
 * The output is deterministic and meant to be read in a review:
 *
 *   # reads its own OIDC client id and secret
 *   path "identity/oidc/client/test-client" {
 *     capabilities = ["read"]
 *   }
 *
 * Rules are sorted by path and capabilities alphabetically, so rule order in the input never
 * changes the document. Rules for the same path are merged (Vault would merge them too).
 *
 * Why the strict path alphabet: the document is embedded in Terraform JSON, where `${` and `%{`
 * start template expressions, and in HCL, where `"` or a newline could close the string and open
 * a new stanza. Allowing only plain path characters rules out both injections by construction.
 */
import type { PolicyRule } from '../plan/types';
import { CAPABILITIES, isCapability, type Capability } from '../vault/capabilities';
import { compareStrings } from '../vault/order';

export { CAPABILITIES };

/** Characters a policy path may contain besides the wildcards `*` and `+`. */
const PATH_CHARS = /^[A-Za-z0-9_.\-/@:=~*+]+$/;

export interface PolicyDocumentOptions {
  /**
   * Allows `*` (as the last character) and `+` (as a whole segment). Widening a grant from one
   * path to many must say why; the reason is written at the top of the document.
   */
  readonly allowWildcard?: { readonly reason: string };
}

export class PolicyDocumentError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`invalid policy rules:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'PolicyDocumentError';
  }
}

/** Every problem with `rules`, as messages naming the rule (`rules[2].path`) and the fix. */
export function validatePolicyRules(rules: readonly PolicyRule[], options: PolicyDocumentOptions = {}): string[] {
  const issues: string[] = [];
  if (rules.length === 0) issues.push('rules is empty; a policy without rules grants nothing, so do not create it');
  if (options.allowWildcard) issues.push(...checkComment('allowWildcard.reason', options.allowWildcard.reason));
  rules.forEach((rule, i) => {
    issues.push(...checkPath(`rules[${i}].path`, rule.path, options.allowWildcard !== undefined));
    issues.push(...checkCapabilities(`rules[${i}].capabilities`, rule.capabilities));
    issues.push(...checkComment(`rules[${i}].reason`, rule.reason));
  });
  return issues;
}

/** The HCL document for `rules`; throws `PolicyDocumentError` listing every problem. */
export function renderPolicyDocument(rules: readonly PolicyRule[], options: PolicyDocumentOptions = {}): string {
  const issues = validatePolicyRules(rules, options);
  if (issues.length > 0) throw new PolicyDocumentError(issues);
  const header = options.allowWildcard ? [`# Wildcard paths allowed: ${options.allowWildcard.reason.trim()}`, ''] : [];
  const stanzas = mergeRules(rules).map((rule) =>
    [
      ...rule.reasons.map((r) => `# ${r}`),
      `path "${rule.path}" {`,
      `  capabilities = [${rule.capabilities.map((c) => `"${c}"`).join(', ')}]`,
      '}',
    ].join('\n'),
  );
  return `${[...header, stanzas.join('\n\n')].join('\n')}\n`;
}

interface MergedRule {
  readonly path: string;
  readonly capabilities: readonly Capability[];
  readonly reasons: readonly string[];
}

function mergeRules(rules: readonly PolicyRule[]): MergedRule[] {
  const byPath = new Map<string, { capabilities: Set<Capability>; reasons: Set<string> }>();
  for (const rule of rules) {
    const merged = byPath.get(rule.path) ?? { capabilities: new Set(), reasons: new Set() };
    rule.capabilities.forEach((c) => merged.capabilities.add(c));
    merged.reasons.add(rule.reason.trim());
    byPath.set(rule.path, merged);
  }
  return [...byPath.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([path, m]) => ({
      path,
      // Alphabetical, as the documents have always been written (not Vault's documentation order).
      capabilities: [...m.capabilities].sort(compareStrings),
      reasons: [...m.reasons].sort(),
    }));
}

function checkPath(field: string, path: string, wildcardAllowed: boolean): string[] {
  if (path === '') return [`${field} is empty; give the exact Vault path`];
  const shown = JSON.stringify(path);
  if (!PATH_CHARS.test(path)) {
    return [`${field} ${shown} contains characters a policy path may not have; use letters, digits and _ . - / @ : = ~`];
  }
  const issues: string[] = [];
  if (path.startsWith('/')) issues.push(`${field} ${shown} starts with "/"; Vault paths are relative, e.g. "identity/oidc/token/x"`);
  if (/\/\//.test(path)) issues.push(`${field} ${shown} has an empty segment ("//")`);
  if (path.split('/').some((s) => s === '.' || s === '..')) issues.push(`${field} ${shown} has a "." or ".." segment`);
  const hasGlob = path.includes('*') || path.includes('+');
  if (hasGlob && !wildcardAllowed) {
    issues.push(
      `${field} ${shown} is a wildcard ("*" or "+") and grants more than one path; use the exact path, or pass allowWildcard: { reason } to widen on purpose`,
    );
  } else if (hasGlob) {
    if (path.indexOf('*') !== -1 && path.indexOf('*') !== path.length - 1) {
      issues.push(`${field} ${shown}: "*" is only allowed as the last character`);
    }
    if (path.split('/').some((s) => s.includes('+') && s !== '+')) {
      issues.push(`${field} ${shown}: "+" must be a whole path segment, e.g. "secret/+/config"`);
    }
  }
  return issues;
}

function checkCapabilities(field: string, capabilities: readonly Capability[]): string[] {
  if (capabilities.length === 0) return [`${field} is empty; list what the rule allows, e.g. ["read"]`];
  return capabilities
    .filter((c) => !isCapability(c))
    .map((c) => `${field} has unknown capability ${JSON.stringify(c)}; use one of ${CAPABILITIES.join(', ')}`);
}

/** Reasons become `#` comments and end up inside a Terraform string: one line, no templates. */
function checkComment(field: string, text: string): string[] {
  if (text.trim() === '') return [`${field} is empty; say why the rule exists`];
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return [`${field} must be one line of text (no newlines or control characters)`];
  if (text.includes('${') || text.includes('%{')) return [`${field} contains "\${" or "%{", which Terraform would read as a template`];
  return [];
}
