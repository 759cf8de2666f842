import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SCENARIOS, synthScenarios } from './fixtures/scenarios';
import { SYNTH_DIR } from './support';

describe('scenario fixtures', () => {
  it('are exactly what the hand-written CDKTF stacks synthesize (regenerate with ts-node test/checks/fixtures/scenarios.ts)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-fixtures-'));
    synthScenarios(out);
    for (const name of SCENARIOS) {
      const file = path.join('stacks', name, 'cdk.tf.json');
      expect(fs.readFileSync(path.join(out, file), 'utf8')).toBe(fs.readFileSync(path.join(SYNTH_DIR, file), 'utf8'));
    }
    fs.rmSync(out, { recursive: true, force: true });
  });
});
