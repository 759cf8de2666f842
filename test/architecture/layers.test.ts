/**
 * lib/ keeps its layers (docs/architecture.md): no import runs against the folder order, review
 * never reads the rules, and no files import each other in a circle.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { directionViolations, importCycles, importEdges, layerProblems, LAYERS } from '../../scripts/check-layers';

test('lib/ imports follow the layer order and close no cycle', () => {
  expect(layerProblems()).toEqual([]);
});

describe('docs/architecture.md', () => {
  const root = path.join(__dirname, '..', '..');
  const doc = fs.readFileSync(path.join(root, 'docs', 'architecture.md'), 'utf8');

  test('states the order the check enforces', () => {
    expect(doc).toContain(LAYERS.map((l) => `\`${l.path}\``).join(' < '));
  });

  test('names only files and folders that exist', () => {
    const named = [...doc.matchAll(/`((?:lib|test|scripts|docs|schema|stacks)\/[^`\s]*)`/g)].map((m) => m[1]!).filter((p) => !/[<>…*]/.test(p));
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((p) => !fs.existsSync(path.join(root, p)))).toEqual([]);
  });
});

describe('the check itself', () => {
  let root: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test('names the file and the import that runs against the order, type-only and re-exports included', () => {
    write('lib/vault/a.ts', "export const a = 1;\n");
    write('lib/checks/rule.ts', "export type Rule = string;\n");
    write('lib/checks/index.ts', "export * from './rule';\n");
    write('lib/topology/load.ts', "import type { Rule } from '../checks/rule';\nimport { a } from '../vault/a';\nexport * from '../checks';\nexport const x: Rule = String(a);\n");
    expect(directionViolations(importEdges(root))).toEqual([
      expect.stringMatching(/^lib\/topology\/load\.ts imports lib\/checks\/index\.ts: topology must not import checks \(order: vault < terraform < verify < topology < /),
      expect.stringMatching(/^lib\/topology\/load\.ts imports lib\/checks\/rule\.ts: topology must not import checks /),
    ]);
  });

  test('review may not read the rules even though it sits above them', () => {
    expect(directionViolations([{ from: 'lib/review/cards.ts', to: 'lib/checks/rules/index.ts' }])).toEqual([
      'lib/review/cards.ts imports lib/checks/rules/index.ts: review must not import checks (reviewer outputs read the analysis, never the rules)',
    ]);
    expect(directionViolations([{ from: 'lib/review/cards.ts', to: 'lib/analysis/acl.ts' }])).toEqual([]);
  });

  test('reports a cycle inside one layer as the circle of files', () => {
    write('lib/analysis/a.ts', "import { b } from './b';\nexport const a = b;\n");
    write('lib/analysis/b.ts', "import type { c } from './c';\nexport const b = 1 as c;\n");
    write('lib/analysis/c.ts', "import { a } from './a';\nexport type c = typeof a;\n");
    write('lib/analysis/d.ts', "import { a } from './a';\nexport const d = a;\n");
    expect(importCycles(importEdges(root))).toEqual(['import cycle: lib/analysis/a.ts → lib/analysis/b.ts → lib/analysis/c.ts → lib/analysis/a.ts']);
  });

  test('a file outside every layer, or an import out of lib/, is reported', () => {
    write('lib/nowhere/x.ts', "import '../../scripts/tool';\n");
    write('lib/plan/y.ts', "import '../../scripts/tool';\n");
    write('scripts/tool.ts', '');
    expect(layerProblems(root)).toEqual([
      'lib/nowhere/x.ts is in no layer: add its folder to LAYERS in scripts/check-layers.ts and to docs/architecture.md',
      expect.stringMatching(/^lib\/plan\/y\.ts imports scripts\/tool\.ts, which is outside the layers of lib\//),
    ]);
  });
});
