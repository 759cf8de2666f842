/** docs/reviewing.md shows real output: each rendered example is what the tool prints today. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stackAccess } from '../../lib/analysis/analyze';
import { renderAccessMarkdown } from '../../lib/review/access-markdown';
import { accessReport } from '../../lib/review/access-report';
import { renderDiffMarkdown } from '../../lib/review/diff-markdown';
import { graphFromTopology } from '../../lib/review/graph-model';
import { renderMermaid } from '../../lib/review/mermaid';
import { diffStacks } from '../../lib/review/stack-diff';
import { helloWorld } from '../support/normalized';
import { edit, stackOf, synthExample, synthText, topologyText } from './stacks';

const doc = readFileSync(resolve(__dirname, '../../docs/reviewing.md'), 'utf8');
const blocks = (language: string) => [...doc.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);

test('the rendered Mermaid example is current', () => {
  expect(blocks('mermaid')).toEqual([renderMermaid(graphFromTopology(helloWorld()))]);
});

test('the access and diff samples are what the commands print for the runs shown', async () => {
  const file = (dir: string) => `${dir}/stacks/hello-world/cdk.tf.json`;
  const access = renderAccessMarkdown([accessReport(await stackAccess(stackOf(synthExample('hello-world'), 'hello-world', file('cdktf.out'))))]);

  // The pull request shown in the ```diff block, applied to examples/hello-world.
  // Each `-` line is followed by its `+` replacement.
  const lines = blocks('diff')[0]!.split('\n');
  let head = topologyText('hello-world');
  lines.forEach((line, i) => {
    if (line.startsWith('-')) head = edit(head, line.slice(1).trim(), lines[i + 1]!.replace(/^\+/, '').trim());
  });
  const report = await diffStacks(
    [stackOf(synthExample('hello-world'), 'hello-world', file('base.out'))],
    [stackOf(synthText(head), 'hello-world', file('head.out'))],
  );
  expect(report.summary.escalations).toBeGreaterThan(0);
  expect(blocks('markdown')).toEqual([access, renderDiffMarkdown(report)]);
});
