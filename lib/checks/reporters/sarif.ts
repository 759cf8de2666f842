/**
 * SARIF 2.1.0 for code-scanning UIs (GitHub, Azure DevOps): one run, every rule described once,
 * one result per finding located at the resource's key in its `cdk.tf.json`. Suppressed findings
 * carry an accepted external suppression with the reason, which code scanning shows as dismissed.
 */
import { createHash } from 'crypto';
import type { Finding, Rule } from '../rule';
import type { TextPosition } from './locate';

export interface SarifOptions {
  readonly rules: readonly Rule[];
  readonly toolVersion: string;
  /** Where a finding's resource is written, when its file can be read. */
  readonly locate?: (finding: Finding) => TextPosition | undefined;
}

const LEVEL = { error: 'error', warning: 'warning' } as const;
/** GitHub ranks security alerts by this property (0–10). */
const SECURITY_SEVERITY = { error: '8.0', warning: '5.0' } as const;

export function toSarif(findings: readonly Finding[], options: SarifOptions): object {
  const ruleIndex = new Map(options.rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'vault-a2a',
            semanticVersion: options.toolVersion,
            rules: options.rules.map((r) => ({
              id: r.id,
              name: ruleName(r.id),
              shortDescription: { text: r.statement },
              fullDescription: { text: r.explanation },
              help: { text: `${r.explanation}\n\nFix: ${r.fix}`, markdown: `${r.explanation}\n\n**Fix:** ${r.fix}` },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { tags: ['security', 'least-privilege', 'vault'], 'security-severity': SECURITY_SEVERITY[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: findings.map((f) => {
          const position = options.locate?.(f);
          return {
            ruleId: f.rule,
            ...(ruleIndex.has(f.rule) ? { ruleIndex: ruleIndex.get(f.rule) } : {}),
            level: LEVEL[f.severity],
            message: { text: `${f.message}. Fix: ${f.fix}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: encodeUri(f.file ?? `stacks/${f.stack}/cdk.tf.json`) },
                  region: { startLine: position?.line ?? 1, ...(position ? { startColumn: position.column } : {}) },
                },
                logicalLocations: [{ fullyQualifiedName: `${f.stack}/${f.resource}`, name: f.resource, kind: 'resource' }],
              },
            ],
            partialFingerprints: { 'vaultA2aFinding/v1': fingerprint(f) },
            ...(f.principal ? { properties: { principal: f.principal } } : {}),
            ...(f.suppressed ? { suppressions: [{ kind: 'external', status: 'accepted', justification: f.reason ?? '' }] } : {}),
          };
        }),
      },
    ],
  };
}

export function formatSarif(findings: readonly Finding[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
}

/** `A2A-KEY-WILDCARD` → `KeyWildcard` (SARIF's rule `name` is an identifier-like label). */
function ruleName(id: string): string {
  return id
    .replace(/^A2A-/, '')
    .split('-')
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join('');
}

/** Relative paths with "/" only; each segment percent-encoded as a URI reference requires. */
function encodeUri(file: string): string {
  return file
    .split('/')
    .map((s) => encodeURIComponent(s))
    .join('/');
}

/** Stable across runs and line moves: the finding's identity, not its position. */
function fingerprint(f: Finding): string {
  return createHash('sha256').update(`${f.stack}\u0000${f.rule}\u0000${f.resource}\u0000${f.message}`).digest('hex').slice(0, 32);
}
