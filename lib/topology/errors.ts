/**
 * The one shape every topology problem is reported in, errors and warnings alike, and how it prints:
 * `examples/x.yaml:12:7: agents.test-client.calls[0].agent: unknown agent "hello-wrld". Fix: use one of: hello-world.`
 * `examples/x.yaml:7:5: warning: agents.chat.login: kubernetes login without "audience": … Fix: …`
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
  /** Other places the problem involves, e.g. the first of two topology entries that land on one Vault object. */
  readonly related?: readonly RelatedPlace[];
}

/** A second place an issue names: where it is, as precisely as known. */
export interface RelatedPlace {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly path: string;
}

/** Ends a clause with a full stop unless it already ends a sentence. */
function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** `file:line:column` as far as known, or "" for a TypeScript object. */
function locationOf(place: { readonly file?: string; readonly line?: number; readonly column?: number }): string {
  if (place.file === undefined) return '';
  let location = place.file;
  if (place.line !== undefined) {
    location += `:${place.line}`;
    if (place.column !== undefined) location += `:${place.column}`;
  }
  return location;
}

/** One line: location, then `warning: ` for a warning, path, message, the places it also names, fix. */
function formatLine(issue: TopologyIssue, mark: '' | 'warning: '): string {
  const location = locationOf(issue);
  const path = issue.path === '' ? '' : `${issue.path}: `;
  const related = (issue.related ?? []).map((r) => {
    const where = locationOf(r);
    return where === '' ? r.path : `${where}: ${r.path || '(document)'}`;
  });
  const also = related.length === 0 ? '' : ` See also ${related.join('; ')}.`;
  return `${location === '' ? '' : `${location}: `}${mark}${path}${sentence(issue.message)}${also} Fix: ${sentence(issue.fix)}`;
}

export function formatIssue(issue: TopologyIssue): string {
  return formatLine(issue, '');
}

/**
 * A warning: the same shape as an error, marked `warning:` after the location (as compilers do) so
 * it cannot be mistaken for one. Warnings never refuse a topology.
 */
export function formatWarning(issue: TopologyIssue): string {
  return formatLine(issue, 'warning: ');
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
