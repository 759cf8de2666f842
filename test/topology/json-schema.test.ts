/** The committed JSON Schema is the generated one, and it agrees with the loader on shape. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { renderTopologyJsonSchema, TOPOLOGY_SCHEMA_ID, topologyJsonSchema } from '../../lib/topology';
import { SCENARIO_EXPENSES, SCENARIO_HELLO_BROWSER, SCENARIO_HELLO_HEADLESS } from './scenario-texts';

const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'topology.schema.json'), 'utf8');

test('schema/topology.schema.json equals a fresh generation (run `npm run schema` after changing the zod schema)', () => {
  expect(committed).toBe(renderTopologyJsonSchema());
});

test('it carries $id and title first', () => {
  expect(Object.keys(JSON.parse(committed)).slice(0, 3)).toEqual(['$schema', '$id', 'title']);
  expect(JSON.parse(committed).$id).toBe(TOPOLOGY_SCHEMA_ID);
});

describe('editors validating with the JSON Schema see the same shape rules', () => {
  const validate = new Ajv2020({ strict: true, allErrors: true }).compile(topologyJsonSchema());

  test.each([
    ['scenario 1', SCENARIO_HELLO_BROWSER],
    ['scenario 2', SCENARIO_HELLO_HEADLESS],
    ['scenario 3', SCENARIO_EXPENSES],
  ])('%s is accepted', (_, text) => {
    expect(validate(parse(text))).toBe(true);
  });

  test('unknown fields and bad names are refused', () => {
    const doc = parse(SCENARIO_EXPENSES);
    doc.agents.expense.redirectUri = 'x';
    doc.agents['Bad Name'] = doc.agents.bookkeeper;
    expect(validate(doc)).toBe(false);
    const keywords = (validate.errors ?? []).map((e) => e.keyword).sort();
    expect(keywords).toEqual(expect.arrayContaining(['additionalProperties', 'pattern']));
  });
});
