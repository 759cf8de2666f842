/**
 * The access diff as Markdown for a pull-request comment: a one-line verdict, then per stack and
 * principal what was gained, lost or changed, escalations in bold, then the resource changes
 * with whether each one changes access.
 */
import { describePrincipal } from '../analysis/facts-describe';
import type { FactDelta } from '../analysis/facts-compare';
import type { AccessChange } from './access-diff';
import { describeGrant, PRINCIPAL_TITLE } from './access-markdown';
import { formatLifetime, type Lifetime } from './lifetime';
import { code, escapeText, joinWords, plural, table } from './markdown';
import type { ResourceChange } from './resource-diff';
import type { AccessDiffReport, StackDiff } from './stack-diff';

const FIELD_LABEL: Readonly<Record<string, string>> = {
  capabilities: 'capabilities',
  claims: 'claims',
  attached: 'attached through',
  assignments: 'assignments',
  idTokenTtl: 'ID token TTL',
  accessTokenTtl: 'access token TTL',
  ttl: 'TTL',
  tokenTtl: 'token TTL',
  tokenMaxTtl: 'token max TTL',
  defaultPolicy: "Vault's default policy on its tokens",
  binding: 'who can log in',
  ceilingPolicies: 'ceiling policies',
  defaultCeilingPolicy: "Vault's default ceiling policy",
  authorizationDetails: 'authorization_details',
  known: 'defined in this stack',
  actor: 'actor',
};

function fieldLabel(c: AccessChange): string {
  if (c.field === 'policies') return c.kind === 'login' ? 'token policies' : 'granted by';
  return FIELD_LABEL[c.field ?? ''] ?? c.field ?? '';
}

function value(v: Lifetime | string | boolean | undefined): string {
  if (v === undefined || v === '') return 'none';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return escapeText(v);
  return escapeText(formatLifetime(v));
}

function whatChanged(c: AccessChange): string {
  const note = c.note ? ` (${escapeText(c.note)})` : '';
  switch (c.change) {
    case 'gained':
      return `granted by ${describeGrant(c.detail).by}${note}`;
    case 'lost':
      return `was granted by ${describeGrant(c.detail).by}${note}`;
    case 'changed':
      if (c.added) return `${fieldLabel(c)}: added ${c.added.map(code).join(', ')}${note}`;
      if (c.removed) return `${fieldLabel(c)}: removed ${c.removed.map(code).join(', ')}${note}`;
      return `${fieldLabel(c)}: ${value(c.from)} → ${value(c.to)}${note}`;
  }
}

function verdict(classification: AccessChange['classification']): string {
  return classification === 'escalation' ? '**escalation**' : classification;
}

function accessSection(changes: readonly AccessChange[]): string[] {
  const lines: string[] = [];
  const byPrincipal = new Map<string, AccessChange[]>();
  for (const c of changes) byPrincipal.set(c.principalId, [...(byPrincipal.get(c.principalId) ?? []), c]);
  for (const group of byPrincipal.values()) {
    const p = group[0]!;
    lines.push(`#### ${PRINCIPAL_TITLE[p.principalKind]} ${code(p.principal)}`, '');
    const rows = group.map((c) => {
      const t = describeGrant(c.detail);
      return [verdict(c.classification), c.change, t.access, t.what, whatChanged(c)];
    });
    lines.push(...table(['Classification', 'Change', 'Access', 'Grant', 'What changed'], rows), '');
  }
  return lines;
}

function resourceRow(r: ResourceChange): string[] {
  const where =
    r.change === 'renamed'
      ? `${code(r.address!)} (was ${code(r.previousAddress!)})`
      : code(r.address ?? r.previousAddress!);
  const what = r.attributes.length > 0 ? r.attributes.map(code).join(', ') : '';
  const access = r.access === 'changes' ? 'yes' : r.access === 'unchanged' ? 'no' : '**not modelled**: review by hand';
  return [r.change, where, r.name === '' ? code(r.type) : `${code(r.type)} ${code(r.name)}`, what, access];
}

/** What the new version lets somebody do that the old one did not (the access facts). */
function gainedSection(gained: readonly FactDelta[]): string[] {
  const rows = gained.map((d) => [escapeText(describePrincipal(d.principal)), escapeText(d.text), d.resources.map(code).join(', ')]);
  return ['#### Access gained', '', ...table(['Principal', 'Access gained', 'Given by'], rows), ''];
}

function stackSection(s: StackDiff): string[] {
  const lines = [`### Stack ${code(s.stack)}`, ''];
  const files = s.old && s.new ? `${code(s.old)} → ${code(s.new)}` : s.new ? `added: ${code(s.new)}` : s.old ? `removed: ${code(s.old)}` : '';
  const status = s.status === 'added' ? 'New stack. ' : s.status === 'removed' ? 'Stack removed. ' : '';
  if (files || status) lines.push(`${status}${files}`.trim(), '');
  if (s.retargeted) {
    lines.push(
      `**Writes elsewhere**: the old version writes to ${escapeText(s.retargeted.old)}; the new one to ${escapeText(s.retargeted.new)}. Every grant of the new version counts as gained where it now writes.`,
      '',
    );
  }
  if (s.gained.length > 0) lines.push(...gainedSection(s.gained));
  if (s.access.length === 0) lines.push('No access changes.', '');
  else lines.push(...accessSection(s.access));
  if (s.resources.length === 0) lines.push('No resource changes.', '');
  else {
    lines.push('#### Resources', '');
    lines.push(...table(['Change', 'Resource', 'Vault object', 'Arguments changed', 'Changes access'], s.resources.map(resourceRow)), '');
  }
  return lines;
}

export function summaryLine(report: AccessDiffReport): string {
  const { gained, escalations, reductions, neutral, resourceChanges, resourceChangesChangingAccess, resourceChangesNotModelled } = report.summary;
  const access =
    escalations + reductions + neutral === 0
      ? 'No access changes'
      : joinWords([escalations > 0 ? `**${plural(escalations, 'escalation')}**` : '0 escalations', plural(reductions, 'reduction'), plural(neutral, 'neutral change')]);
  const notModelled = resourceChangesNotModelled > 0 ? `, **${resourceChangesNotModelled} not modelled** (review by hand)` : '';
  const resources =
    resourceChanges === 0 ? 'no resource changes' : `${plural(resourceChanges, 'resource change')} (${resourceChangesChangingAccess} changing access${notModelled})`;
  // With no gain, no row is an escalation (stack-diff.ts): the counts say it all.
  const verdict = gained > 0 ? `**Access gained: ${gained}** (what \`--fail-on-escalation\` fails on). ` : '';
  const moved = (report.summary.moved ?? 0) > 0 ? ` ${plural(report.summary.moved!, 'principal')} moved between stacks.` : '';
  return `${verdict}${access}; ${resources}.${moved}`;
}

export function renderDiffMarkdown(report: AccessDiffReport): string {
  const lines = ['## Access diff', '', summaryLine(report), ''];
  if (report.moved !== undefined && report.moved.length > 0) {
    lines.push('### Moved between stacks', '');
    const rows = report.moved.map((m) => [escapeText(describePrincipal(m.principal)), m.from.map(code).join(', '), m.to.map(code).join(', '), String(m.facts)]);
    lines.push(...table(['Principal', 'From', 'To', 'Access carried over'], rows), '');
  }
  for (const s of report.stacks) lines.push(...stackSection(s));
  return `${lines.join('\n').trimEnd()}\n`;
}
