/**
 * The one error shape every topology problem is reported in, and how it prints:
 * `examples/x.yaml:12:7: agents.test-client.calls[0].agent: unknown agent "hello-wrld". Fix: use one of: hello-world.`
 */

export interface TopologyIssue {
  /** The file as the user named it (never made absolute); absent for TypeScript objects. */
  readonly file?: string;
  /** 1-based line and column of the offending node, when the topology came from text. */
  readonly line?: number;
  readonly column?: number;
  /** Dots for keys, `[i]` for list indexes: `agents.chat.calls[0].agent`; "" for the whole document. */
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** Ends a clause with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** `file:line:column: ` as far as known, or nothing for a TypeScript object. */
function locationOf(issue: TopologyIssue): string {
  if (issue.file === undefined) return '';
  let location = issue.file;
  if (issue.line !== undefined) {
    location += `:${issue.line}`;
    if (issue.column !== undefined) location += `:${issue.column}`;
  }
  return `${location}: `;
}

export function formatIssue(issue: TopologyIssue): string {
  const path = issue.path === '' ? '' : `${issue.path}: `;
  return `${locationOf(issue)}${path}${sentence(issue.message)} Fix: ${sentence(issue.fix)}`;
}

/** A warning: same location, path and fix, marked `warning:` so it cannot be mistaken for an error. */
export function formatWarning(issue: TopologyIssue): string {
  const path = issue.path === '' ? '' : `${issue.path}: `;
  return `${locationOf(issue)}warning: ${path}${sentence(issue.message)} Fix: ${sentence(issue.fix)}`;
}

export function formatIssues(issues: readonly TopologyIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

/**
 * Thrown when a topology is invalid. Carries every issue found, not just the first; the message
 * is all of them formatted, one per line, so printing `message` is a complete report.
 */
export class TopologyValidationError extends Error {
  readonly issues: readonly TopologyIssue[];

  constructor(issues: readonly TopologyIssue[]) {
    super(formatIssues(issues));
    this.name = 'TopologyValidationError';
    this.issues = Object.freeze([...issues]);
  }
}
