/** Shared helpers for the checks tests: fixture loading and JSON surgery. */
import * as fs from 'fs';
import * as path from 'path';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const SYNTH_DIR = path.join(FIXTURES, 'synth');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Doc = any;

export function fixture(name: string): Doc {
  return JSON.parse(fs.readFileSync(path.join(SYNTH_DIR, 'stacks', name, 'cdk.tf.json'), 'utf8'));
}

export function fixturePath(name: string): string {
  return path.join(SYNTH_DIR, 'stacks', name, 'cdk.tf.json');
}

/** `doc.resource[type][name]`, failing loudly when a fixture changed under a test. */
export function res(doc: Doc, type: string, name: string): Doc {
  const r = doc.resource?.[type]?.[name];
  if (!r) throw new Error(`fixture has no ${type}.${name}`);
  return r;
}

export function data(doc: Doc, type: string, name: string): Doc {
  const r = doc.data?.[type]?.[name];
  if (!r) throw new Error(`fixture has no data.${type}.${name}`);
  return r;
}
