/** Machine-readable report: `{"findings":[{"rule","severity","resource","message","suppressed"?,"reason"?, ...}]}`. */
import type { Finding } from '../rule';

export interface JsonFinding {
  readonly rule: string;
  readonly severity: string;
  readonly resource: string;
  readonly message: string;
  readonly suppressed?: true;
  readonly reason?: string;
  readonly stack: string;
  readonly file?: string;
  readonly principal?: string;
  readonly fix: string;
}

export function toJsonReport(findings: readonly Finding[]): { findings: JsonFinding[] } {
  return {
    findings: findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      resource: f.resource,
      message: f.message,
      ...(f.suppressed ? { suppressed: true as const, reason: f.reason ?? '' } : {}),
      stack: f.stack,
      ...(f.file ? { file: f.file } : {}),
      ...(f.principal ? { principal: f.principal } : {}),
      fix: f.fix,
    })),
  };
}

export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(toJsonReport(findings), null, 2)}\n`;
}
