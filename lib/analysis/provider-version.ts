/**
 * Terraform provider version constraints (`>= 5.10.1, < 6.0.0`, `~> 5.10`, `5.6.0`), read far
 * enough to answer one question: does the constraint admit a version below a floor?
 * Terraform's rules: comma-separated conditions that must all hold; a bare version or `=` is
 * exact; `~>` lets only the rightmost given component grow (`~> 5.10` = `>= 5.10, < 6`,
 * `~> 5.10.1` = `>= 5.10.1, < 5.11`); `!=` excludes one version (irrelevant here).
 */

type Version = readonly [number, number, number];

interface Bound {
  readonly version: Version;
  readonly inclusive: boolean;
}

const CONDITION = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

export function parseVersion(text: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** The interval a constraint allows, or undefined when a condition cannot be read. */
function interval(constraint: string): { lower?: Bound; upper?: Bound } | undefined {
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  const raise = (b: Bound) => {
    if (!lower || compare(b.version, lower.version) > 0 || (compare(b.version, lower.version) === 0 && !b.inclusive)) lower = b;
  };
  const cap = (b: Bound) => {
    if (!upper || compare(b.version, upper.version) < 0 || (compare(b.version, upper.version) === 0 && !b.inclusive)) upper = b;
  };
  const conditions = constraint.split(',').map((c) => c.trim());
  if (conditions.length === 0 || conditions.some((c) => c === '')) return undefined;
  for (const condition of conditions) {
    const m = CONDITION.exec(condition);
    if (!m) return undefined;
    const [, op = '=', major, minor, patch] = m;
    const v: Version = [Number(major), Number(minor ?? 0), Number(patch ?? 0)];
    switch (op) {
      case '=':
        raise({ version: v, inclusive: true });
        cap({ version: v, inclusive: true });
        break;
      case '>=':
        raise({ version: v, inclusive: true });
        break;
      case '>':
        raise({ version: v, inclusive: false });
        break;
      case '<=':
        cap({ version: v, inclusive: true });
        break;
      case '<':
        cap({ version: v, inclusive: false });
        break;
      case '~>':
        raise({ version: v, inclusive: true });
        cap({ version: patch !== undefined ? [v[0], v[1] + 1, 0] : [v[0] + 1, 0, 0], inclusive: false });
        break;
      case '!=':
        break;
    }
  }
  return { lower, upper };
}

/**
 * True when some version below `floor` satisfies `constraint`; 'unreadable' when a condition
 * cannot be parsed (the caller cannot prove the floor either).
 */
export function admitsVersionBelow(constraint: string, floor: Version): boolean | 'unreadable' {
  const range = interval(constraint);
  if (range === undefined) return 'unreadable';
  const { lower, upper } = range;
  // The smallest version the lower bound admits (a patch above an exclusive bound).
  const smallest: Version = !lower ? [0, 0, 0] : lower.inclusive ? lower.version : [lower.version[0], lower.version[1], lower.version[2] + 1];
  if (compare(smallest, floor) >= 0) return false;
  if (!upper) return true;
  const c = compare(smallest, upper.version);
  return c < 0 || (c === 0 && upper.inclusive);
}
