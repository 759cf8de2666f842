/** Every example's normalized topology (examples/<name>/topology.yaml) and a small bench topology: the inputs of the byte-for-byte synthesis tests. */
import * as fs from 'fs';
import * as path from 'path';
import type { NormalizedTopology } from '../../lib/topology/normalized';
import { loadTopologyFile, normalizeTopology } from '../../lib/topology/load';
import { benchTopology } from '../../scripts/bench-topology';

export function exampleAndBenchTopologies(): NormalizedTopology[] {
  const examples = path.join(__dirname, '..', '..', 'examples');
  const topologies = fs
    .readdirSync(examples)
    .filter((e) => fs.existsSync(path.join(examples, e, 'topology.yaml')))
    .map((e) => loadTopologyFile(path.join(examples, e, 'topology.yaml')));
  topologies.push(normalizeTopology(benchTopology({ agents: 20, users: 10 })));
  return topologies;
}
