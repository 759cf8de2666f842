/** docs/reviewing.md shows real output: its Mermaid example is what `graph` prints for hello-world. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { graphFromTopology } from '../../lib/review/graph-model';
import { renderMermaid } from '../../lib/review/mermaid';
import { helloWorld } from '../support/normalized';

test('the rendered example in docs/reviewing.md is current', () => {
  const doc = readFileSync(resolve(__dirname, '../../docs/reviewing.md'), 'utf8');
  const blocks = [...doc.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toEqual([renderMermaid(graphFromTopology(helloWorld()))]);
});
