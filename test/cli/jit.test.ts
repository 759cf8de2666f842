import { spawnSync } from 'child_process';
import { CLI_INTERRUPT_BUDGET, hasOwnInterruptBudget, tuneJit } from '../../lib/cli/jit';
import { BIN } from './run';

describe("the binary's V8 interrupt budget", () => {
  const fakeProcess = (v8: string, execArgv: string[] = [], NODE_OPTIONS?: string) => ({
    versions: { ...process.versions, v8 },
    execArgv,
    env: NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS },
  });

  it('is raised on the V8 versions of the supported Node releases', () => {
    for (const v8 of ['11.3.244.8-node.38', '12.4.254.21-node.33', '13.6.233.10-node.18']) {
      const set = jest.fn();
      expect(tuneJit(fakeProcess(v8), set)).toBe(true);
      expect(set).toHaveBeenCalledWith(`--interrupt-budget=${CLI_INTERRUPT_BUDGET}`);
    }
  });

  it('leaves an unknown V8 alone (an unknown flag would print a warning)', () => {
    const set = jest.fn();
    expect(tuneJit(fakeProcess('14.1.0'), set)).toBe(false);
    expect(tuneJit(fakeProcess('10.2.154'), set)).toBe(false);
    expect(set).not.toHaveBeenCalled();
  });

  it("keeps the user's own budget, from the command line or NODE_OPTIONS", () => {
    expect(hasOwnInterruptBudget(['--interrupt-budget=5000'], undefined)).toBe(true);
    expect(hasOwnInterruptBudget([], '--max-old-space-size=4096 --interrupt_budget=5000')).toBe(true);
    expect(hasOwnInterruptBudget(['--interrupt-budget-for-maglev=1'], '--stack-size=900')).toBe(false);
    const set = jest.fn();
    expect(tuneJit(fakeProcess('11.3.244.8', [], '--interrupt-budget=1'), set)).toBe(false);
    expect(set).not.toHaveBeenCalled();
  });

  it('prints nothing of its own: the binary on this Node writes no V8 warning', () => {
    const r = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
