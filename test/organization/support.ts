/** Topology directories written into a scratch directory for the organization tests. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const EXAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'organization');

/** Writes `files` (relative path → text) into a new scratch directory and returns it. */
export function writeTree(files: Readonly<Record<string, string>>, into?: string): string {
  const dir = into ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-org-'));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

/** A copy of examples/organization in a scratch directory. */
export function copyExample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-org-'));
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  fs.rmSync(path.join(dir, 'README.md'), { force: true });
  return dir;
}

export const ORG = `version: 1
name: acme
vault:
  address: https://vault.example.com:8200
authMounts:
  kubernetes: { type: kubernetes, path: kubernetes }
  userpass: { type: userpass, path: userpass }
users:
  alice: { mount: userpass, groups: [finance] }
groups:
  finance: {}
`;

/** A server agent with one skill, logging in with kubernetes. */
export function server(name: string, skill = 'work'): string {
  return `  ${name}:
    url: https://${name}.example.com
    login: { mount: kubernetes, serviceAccount: ${name}, namespace: apps, audience: vault }
    skills:
      - { id: ${skill}, actions: [read] }
`;
}

/** A headless client agent calling `target` for `<skill>:read`. */
export function headless(name: string, target: string, skill = 'work'): string {
  return `  ${name}:
    login: { mount: kubernetes, serviceAccount: ${name}, namespace: apps, audience: vault }
    headless: true
    calls:
      - { agent: ${target}, grants: ["${skill}:read"] }
`;
}

/** A browser client agent that alice signs in to, calling `target`. */
export function browser(name: string, target: string, skill = 'work'): string {
  return `  ${name}:
    login: { mount: kubernetes, serviceAccount: ${name}, namespace: apps, audience: vault }
    oidc:
      redirectUris: [https://${name}.example.com/callback]
      users: [alice]
    calls:
      - { agent: ${target}, grants: ["${skill}:read"] }
`;
}

/** Relative path → bytes of every file under `dir`, sorted by path. */
export function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}
