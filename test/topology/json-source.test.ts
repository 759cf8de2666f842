/**
 * JSON topologies are read with JSON.parse (lib/topology/source.ts), the YAML parser only for
 * positions: the data, the positions and the duplicate-key issues must be exactly those of the
 * YAML parser's reading of the same text.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { parseSource } from '../../lib/topology/source';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** The YAML parser's reading of `text`: a leading comment line makes JSON.parse refuse it. */
function viaYaml(text: string) {
  return parseSource(`# read as YAML\n${text}`, 't.json');
}

test('every example as JSON: the same data and the same positions as the YAML parser gives', () => {
  for (const example of fs.readdirSync(EXAMPLES).sort()) {
    const file = path.join(EXAMPLES, example, 'topology.yaml');
    if (!fs.existsSync(file)) continue;
    const text = JSON.stringify(parseYaml(fs.readFileSync(file, 'utf8')), null, 2);
    const fast = parseSource(text, 't.json');
    const slow = viaYaml(text);
    if (!fast.ok || !slow.ok) throw new Error(`${example} does not parse`);
    expect(fast.data).toEqual(slow.data);
    for (const agent of Object.keys((fast.data as { agents: object }).agents)) {
      for (const anchor of ['key', 'value'] as const) {
        const at = fast.locate(['agents', agent], anchor);
        const shifted = slow.locate(['agents', agent], anchor);
        expect(at).toEqual({ line: shifted.line - 1, column: shifted.column });
      }
    }
  }
});

test('generated JSON documents read the same either way', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })), fc.boolean(), (value, pretty) => {
      const text = JSON.stringify(value, null, pretty ? 2 : undefined);
      const fast = parseSource(text, 't.json');
      const slow = viaYaml(text);
      expect(fast.ok).toBe(true);
      if (fast.ok && slow.ok) expect(fast.data).toEqual(slow.data);
    }),
    { numRuns: 150 },
  );
});

test('duplicate keys in JSON are reported with their positions, as in YAML', () => {
  const text = '{\n  "version": 1,\n  "agents": {\n    "a": {},\n    "a": {}\n  }\n}\n';
  const result = parseSource(text, 't.json');
  expect(result.ok).toBe(true);
  if (!result.ok) return;
  expect(result.issues).toEqual([expect.objectContaining({ line: 5, column: 5, path: 'agents.a', message: 'duplicate key "a" (first defined at line 4)' })]);
  // A key spelled with an escape is the same key.
  const escaped = parseSource('{"a": 1, "\\u0061": 2}', 't.json');
  expect(escaped.ok && escaped.issues.map((i) => i.message)).toEqual(['duplicate key "a" (first defined at line 1)']);
});

test('JSON that JSON.parse refuses gets the YAML parser\'s syntax errors with line:column', () => {
  const result = parseSource('{\n  "version": 1,\n  "agents": {\n}\n', 't.json');
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.issues[0]).toMatchObject({ file: 't.json', line: expect.any(Number), column: expect.any(Number) });
});
