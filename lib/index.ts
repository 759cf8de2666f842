/**
 * cdktf-vault-a2a: topology → access plan → CDKTF constructs → least-privilege checks →
 * reviewer outputs (cards, graph, access report, access diff).
 * Each layer is usable on its own; see README.md.
 */
export * from './topology';
export * from './plan';
export * from './constructs';
export { synthTopologyFile, topologyApp, type SynthResult, type TopologyStackResult } from './app';
export * from './checks';
export * from './review';
