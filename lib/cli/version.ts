import * as fs from 'fs';
import * as path from 'path';

let cached: { readonly root: string; readonly version: string } | undefined;

/** This package's root directory and version, from the nearest package.json above this file (works from lib/ and dist/lib/). */
function thisPackage(): { readonly root: string; readonly version: string } {
  if (cached) return cached;
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cdktf-vault-a2a' && pkg.version) return (cached = { root: dir, version: pkg.version });
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cdktf-vault-a2a: no package.json of cdktf-vault-a2a above ${__dirname}`);
    dir = parent;
  }
}

export function packageVersion(): string {
  return thisPackage().version;
}

/** The topology JSON Schema this package ships (`schema/topology.schema.json`). */
export function topologySchemaFile(): string {
  return path.join(thisPackage().root, 'schema', 'topology.schema.json');
}
