/**
 * Loaded into every Node process a bench step starts (`NODE_OPTIONS=--require …/bench-probe.js`,
 * so child processes too: cdktf-cli runs the app as one): on exit, appends the process's CPU time
 * and peak resident set size to the file named by BENCH_PROBE_FILE, one JSON line per process.
 */
import * as fs from 'fs';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const line = { pid: process.pid, userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, maxRssKiB: usage.maxRSS };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  });
}
