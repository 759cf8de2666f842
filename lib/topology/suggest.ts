/** "Did you mean …?" help for unknown names and fields. */

/** Levenshtein distance (insert, delete, substitute), O(a·b) with one row of memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The choice closest to `value`, if it is close enough to be a plausible typo: at most a third
 * of the longer string's characters differ (at least one edit allowed). Ties go to the
 * alphabetically first choice so the suggestion is deterministic.
 */
export function closest(value: string, choices: readonly string[]): string | undefined {
  let best: { choice: string; distance: number } | undefined;
  for (const choice of [...choices].sort()) {
    const distance = editDistance(value.toLowerCase(), choice.toLowerCase());
    const budget = Math.max(1, Math.floor(Math.max(value.length, choice.length) / 3));
    if (distance <= budget && (best === undefined || distance < best.distance)) best = { choice, distance };
  }
  return best?.choice;
}

/** More choices than this are not listed in full. */
const MAX_LISTED = 12;

function listChoices(choices: readonly string[]): string {
  const sorted = [...new Set(choices)].sort();
  const shown = sorted.slice(0, MAX_LISTED).join(', ');
  return sorted.length > MAX_LISTED ? `${shown}, … (${sorted.length} in all)` : shown;
}

/**
 * Fix text for a reference to something that does not exist: `use one of: a, b`, led by a
 * did-you-mean when one choice is a plausible typo and there is more than one choice.
 * `whenNone` is the fix when there is nothing to choose from.
 */
export function chooseFix(value: string, choices: readonly string[], whenNone: string): string {
  if (choices.length === 0) return whenNone;
  const list = listChoices(choices);
  const near = closest(value, choices);
  if (near !== undefined && new Set(choices).size > 1) return `did you mean "${near}"? Use one of: ${list}`;
  return `use one of: ${list}`;
}

/** Fix text for an unknown field: did-you-mean plus the allowed fields. */
export function unknownFieldFix(field: string, allowed: readonly string[]): { fix: string; meant?: string } {
  const list = listChoices(allowed);
  const meant = closest(field, allowed);
  if (meant !== undefined) return { fix: `did you mean "${meant}"? Allowed fields: ${list}`, meant };
  return { fix: allowed.length ? `remove it; allowed fields: ${list}` : 'remove it' };
}

/**
 * A valid name close to an invalid one, for "rename it to …" fixes: lowercased, runs of
 * disallowed characters replaced by `separator`, leading non-letters dropped.
 */
export function slugify(value: string, separator: '-' | '_', maxLength = 63): string | undefined {
  const allowed = separator === '-' ? /[^a-z0-9_-]+/g : /[^a-z0-9_]+/g;
  const slug = value
    .toLowerCase()
    .replace(allowed, separator)
    .replace(/^[^a-z]+/, '')
    .replace(/[-_]+$/, '')
    .slice(0, maxLength)
    .replace(/[-_]+$/, '');
  return slug === '' ? undefined : slug;
}
