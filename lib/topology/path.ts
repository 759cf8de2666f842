/**
 * Paths into a topology document and the position-free issue drafts that validation produces.
 * A draft says *where* in the data a problem is (path + which part of the node to point at);
 * the loader turns that into file:line:column when the data came from a file.
 */

export type PathSegment = string | number;
export type IssuePath = readonly PathSegment[];

/**
 * Which part of the document a draft points at: the value at the path, the map key naming it
 * (unknown fields, bad names), or the map that contains it (missing fields have no node).
 */
export type Anchor = 'value' | 'key' | 'parent';

export interface DraftIssue {
  readonly path: IssuePath;
  readonly anchor: Anchor;
  readonly message: string;
  readonly fix: string;
  /** Set on "is required" drafts: the field at the end of `path` is absent. */
  readonly missing?: true;
  /** Set on unknown-field drafts: the allowed field the user most likely meant. */
  readonly meant?: string;
  /** Other places the problem involves (the first of two colliding names), printed with their positions. */
  readonly related?: readonly { readonly path: IssuePath; readonly anchor: Anchor }[];
}

/** `['agents', 'chat', 'calls', 0, 'agent']` → `agents.chat.calls[0].agent`. */
export function formatPath(path: IssuePath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** True when `prefix` is `path` or one of its ancestors. */
export function isPathPrefix(prefix: IssuePath, path: IssuePath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === path[i]);
}
