/**
 * Writes schema/topology.schema.json, organization.schema.json and team.schema.json from the zod schemas (`npm run schema`). A test fails when
 * the committed file differs from a fresh generation.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { renderJsonSchemas } from '../lib/topology/json-schema';

/** The package root: run from source (scripts/) or compiled (dist/scripts/). */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above scripts/');
    dir = parent;
  }
  return dir;
}

for (const [name, text] of Object.entries(renderJsonSchemas())) {
  const target = join(packageRoot(__dirname), 'schema', name);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  process.stdout.write(`wrote schema/${name}\n`);
}
