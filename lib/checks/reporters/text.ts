/**
 * Terminal report: per stack, findings grouped by principal (stack-wide ones last), one line per
 * finding and its fix underneath. Plain text, no colours, stable order.
 */
import type { Finding } from '../rule';
import { compareStrings } from '../../vault/order';

const STACK_WIDE = '(not tied to one principal)';

export function formatText(findings: readonly Finding[], stacksChecked: number): string {
  const lines: string[] = [];
  const errors = findings.filter((f) => f.severity === 'error' && !f.suppressed).length;
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.suppressed).length;
  const suppressed = findings.filter((f) => f.suppressed).length;
  const stacksWord = `${stacksChecked} stack${stacksChecked === 1 ? '' : 's'}`;
  if (findings.length === 0) return `vault-a2a check: ${stacksWord} checked, no findings.\n`;
  lines.push(
    `vault-a2a check: ${stacksWord} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${suppressed ? `, ${suppressed} suppressed` : ''}.`,
  );
  const byStack = groupBy(findings, (f) => `${f.stack}\u0000${f.file ?? ''}`);
  for (const [key, stackFindings] of byStack) {
    const [stack, file] = key.split('\u0000');
    lines.push('', `${stack}${file ? ` (${file})` : ''}`);
    const byPrincipal = groupBy(stackFindings, (f) => f.principal ?? STACK_WIDE);
    const principals = [...byPrincipal.keys()].sort((a, b) => (a === STACK_WIDE ? 1 : b === STACK_WIDE ? -1 : compareStrings(a, b)));
    for (const principal of principals) {
      lines.push(`  ${principal}`);
      for (const f of byPrincipal.get(principal)!) {
        const level = f.suppressed ? 'suppressed' : f.severity;
        lines.push(`    ${level.padEnd(10)} ${f.rule}  ${f.resource}: ${f.message}`);
        lines.push(f.suppressed ? `               reason: ${f.reason}` : `               fix: ${f.fix}`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    map.set(k, [...(map.get(k) ?? []), item]);
  }
  return new Map([...map.entries()].sort(([a], [b]) => compareStrings(a, b)));
}
