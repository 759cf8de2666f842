/**
 * cdktf-vault-a2a: topology → access plan → CDKTF constructs → analysis of the synthesized
 * Terraform JSON → least-privilege checks and reviewer outputs (cards, graph, access report, access diff).
 * Each layer is usable on its own; see docs/install.md.
 */
export * from './topology';
export * from './plan';
export * from './constructs';
export {
  synthTopologyFile,
  topologyApp,
  validateTopology,
  validateTopologyForSynth,
  writeWarnings,
  type SynthOptions,
  type SynthResult,
  type TopologyFileOptions,
  type TopologyLimits,
  type TopologyStackResult,
} from './app';
export * from './analysis';
export * from './checks';
export * from './review';
