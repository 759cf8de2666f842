/**
 * Cross-reference validation: everything the shape-only schema cannot see. Runs on raw data,
 * alongside the schema, so that a document gets all its problems reported at once; rules skip
 * what they cannot read rather than guess.
 */
import type { DraftIssue } from './path';
import { auditWarnings, checkAudit } from './validate-audit';
import { checkAgents } from './validate-agents';
import { checkDelegation } from './validate-delegation';
import { indexTopology, type ResolveContext } from './topology-index';
import { certLoginWarnings, checkCertLogins } from './validate-cert-login';
import { checkExternalGroups } from './validate-external-groups';
import { checkLifetimes } from './validate-lifetimes';
import { checkLogins, loginWarnings } from './validate-login';
import { checkAgentMetadata } from './validate-metadata';
import { checkEntityAliases } from './validate-entity-aliases';
import { checkPrincipals } from './validate-principals';
import { checkRegistry } from './validate-registry';
import { checkSettings } from './validate-settings';

export type { ResolveContext } from './topology-index';

const NOTHING_BROKEN: ResolveContext = { broken: () => false };

export function resolveReferences(data: unknown, ctx: ResolveContext = NOTHING_BROKEN): DraftIssue[] {
  const index = indexTopology(data);
  return [
    ...checkSettings(index, ctx),
    ...checkLifetimes(index, ctx),
    ...checkPrincipals(index),
    ...checkAgents(index, ctx),
    ...checkLogins(index, ctx),
    ...checkCertLogins(index),
    ...checkExternalGroups(index),
    ...checkRegistry(index, ctx),
    ...checkDelegation(index, ctx),
    ...checkAudit(index),
    ...checkAgentMetadata(index),
    ...checkEntityAliases(index),
  ];
}

/** What a valid topology should still change: reported, never refused. */
export function topologyWarnings(data: unknown, baseDir: string = process.cwd()): DraftIssue[] {
  const index = indexTopology(data);
  return [...loginWarnings(index), ...auditWarnings(index), ...certLoginWarnings(index, baseDir)];
}
