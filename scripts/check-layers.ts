/**
 * The import direction of lib/ (docs/architecture.md): each folder is a layer, and a file may
 * import only from its own layer or a lower one (stacks/, the cdktf app, sits on top). No set of
 * files may import each other in a circle, within a layer or across layers. The test suite runs this (test/architecture); run it by
 * hand with `npx ts-node scripts/check-layers.ts`.
 *
 * Every module reference counts, type-only ones included: `import`, `import type`, `export … from`,
 * `require(…)` and `import(…)`, as TypeScript's own pre-processor finds them.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { findCycles } from '../lib/analysis/references';

/** Lowest first. A path matches a layer when it equals the layer's path or lies below it. */
export const LAYERS: readonly { readonly name: string; readonly path: string }[] = [
  { name: 'vault', path: 'lib/vault' },
  { name: 'terraform', path: 'lib/terraform' },
  { name: 'verify', path: 'lib/verify' },
  { name: 'topology', path: 'lib/topology' },
  { name: 'plan', path: 'lib/plan' },
  { name: 'analysis', path: 'lib/analysis' },
  { name: 'checks', path: 'lib/checks' },
  { name: 'constructs', path: 'lib/constructs' },
  { name: 'review', path: 'lib/review' },
  { name: 'app', path: 'lib/app.ts' },
  { name: 'cli', path: 'lib/cli' },
  { name: 'package root', path: 'lib/index.ts' },
  { name: 'stacks', path: 'stacks' },
];

/** Pairs the order alone would allow, but that must not exist either. */
export const FORBIDDEN: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [
  { from: 'review', to: 'checks', why: 'reviewer outputs read the analysis, never the rules' },
];

/** One module reference between two files, paths relative to the repository root with "/". */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

export function layerOf(file: string): number | undefined {
  const i = LAYERS.findIndex((l) => file === l.path || file.startsWith(`${l.path}/`));
  return i < 0 ? undefined : i;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The .ts files under `dir`, sorted. */
function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(path.join(root, d), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = `${d}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  walk(dir);
  return out;
}

/** The file a relative specifier names (`./x` → x.ts or x/index.ts), or undefined for packages. */
function resolveSpecifier(root: string, from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = toPosix(path.relative(root, path.resolve(root, path.dirname(from), specifier)));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return base;
}

/** Every module reference from a file under lib/ or stacks/ to another file of the repository. */
export function importEdges(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of ['lib', 'stacks'].filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => sourceFiles(root, d))) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, true);
    const targets = new Set<string>();
    for (const ref of info.importedFiles) {
      const to = resolveSpecifier(root, file, ref.fileName);
      if (to !== undefined) targets.add(to);
    }
    for (const to of [...targets].sort()) edges.push({ from: file, to });
  }
  return edges;
}

/** Imports that run against the layer order, as messages naming the importing file and the import. */
export function directionViolations(edges: readonly ImportEdge[]): string[] {
  const order = LAYERS.map((l) => l.name).join(' < ');
  return edges.flatMap(({ from, to }) => {
    const a = layerOf(from);
    const b = layerOf(to);
    if (a === undefined) return [];
    if (b === undefined) return [`${from} imports ${to}, which is outside the layers of lib/ (${order})`];
    if (b > a) return [`${from} imports ${to}: ${LAYERS[a]!.name} must not import ${LAYERS[b]!.name} (order: ${order})`];
    const forbidden = FORBIDDEN.find((f) => f.from === LAYERS[a]!.name && f.to === LAYERS[b]!.name);
    return forbidden ? [`${from} imports ${to}: ${forbidden.from} must not import ${forbidden.to} (${forbidden.why})`] : [];
  });
}

/** Each set of files that import each other in a circle, as "a → b → … → a". */
export function importCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  return findCycles(next)
    .map((component) => `import cycle: ${cyclePath(component, next).join(' → ')}`)
    .sort();
}

/** One concrete circle through the component, starting at its first file. */
function cyclePath(component: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  // Breadth-first from start back to start, inside the component: the shortest circle.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of next.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const circle = [start];
        for (let u: string | undefined = v; u !== undefined && u !== start; u = previous.get(u)) circle.splice(1, 0, u);
        return [...circle, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [...component, start];
}

/** Files under lib/ that belong to no layer: a new folder must be given its place in the order. */
export function unplacedFiles(root: string): string[] {
  return sourceFiles(root, 'lib')
    .filter((f) => layerOf(f) === undefined)
    .map((f) => `${f} is in no layer: add its folder to LAYERS in scripts/check-layers.ts and to docs/architecture.md`);
}

/** Everything wrong with lib/'s imports; empty when the layering holds. */
export function layerProblems(root: string = path.join(__dirname, '..')): string[] {
  const edges = importEdges(root);
  return [...unplacedFiles(root), ...directionViolations(edges), ...importCycles(edges)];
}

if (require.main === module) {
  const problems = layerProblems(process.cwd());
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\n${problems.length} layering problem(s)\n`);
    process.exitCode = 1;
  } else process.stdout.write('lib/ imports follow the layer order, without cycles\n');
}
