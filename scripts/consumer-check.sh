#!/usr/bin/env bash
# Uses the package the way a project that depends on it does: `npm pack`, install the tarball into
# a scratch project, then run there what the docs tell users to run (docs/install.md):
#   - the CLI through npx: --version, init, validate, synth, check;
#   - a TypeScript app importing the package root, compiled with tsc and synthesized by cdktf-cli
#     (`npx cdktf synth`, cdktf-cli installed by the consumer as docs/install.md says);
#   - `cdktf-vault-a2a/verify` and `cdktf-vault-a2a/jest` imported and type-checked with tsc under
#     node16 (package exports) and node10 (typesVersions) resolution;
#   - the jest matchers run by jest (ts-jest) with the one documented import.
# Needs the npm registry (or a warm npm cache) for the consumer's own dependencies. Run by .ci/run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CHECKPOINT_DISABLE=1 # cdktf-cli: no version check against the network

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\nconsumer-check: %s\n' "$*"; }

step "npm pack"
tarball="$work/$(cd "$ROOT" && npm pack --silent --pack-destination "$work" | tail -n 1)"
version="$(node -p "require('$ROOT/package.json').version")"
# The consumer's tools, at the versions this repository tests with.
dev() { node -p "require('$ROOT/package.json').devDependencies['$1']"; }

mkdir "$work/consumer"
cd "$work/consumer"
npm init -y >/dev/null
step "npm install the tarball and the consumer's tools"
npm install --no-audit --no-fund --prefer-offline --loglevel=error \
  "$tarball" \
  "cdktf-cli@$(dev cdktf-cli)" "typescript@$(dev typescript)" "ts-node@$(dev ts-node)" "@types/node@$(dev @types/node)" \
  "jest@$(dev jest)" "ts-jest@$(dev ts-jest)" "@types/jest@$(dev @types/jest)"

step "the CLI"
test "$(npx --no-install vault-a2a --version)" = "$version"
npx --no-install vault-a2a init
npx --no-install vault-a2a validate topology.yaml
test "$(npx --no-install vault-a2a synth topology.yaml)" = "cdktf.out/stacks/starter/cdk.tf.json"
npx --no-install vault-a2a check cdktf.out --topology topology.yaml
# The editor finds the installed package's schema.
grep -q '^# yaml-language-server: \$schema=node_modules/cdktf-vault-a2a/schema/topology.schema.json$' topology.yaml
rm -rf cdktf.out

step "a TypeScript app, synthesized by cdktf-cli"
cat > main.ts <<'TS'
import { App } from 'cdktf';
import { AgentTopologyStack, loadTopologyFile } from 'cdktf-vault-a2a';

const app = new App();
const topology = loadTopologyFile('topology.yaml');
new AgentTopologyStack(app, topology.name, { topology });
app.synth();
TS
cat > cdktf.json <<'JSON'
{ "language": "typescript", "app": "npx ts-node main.ts", "terraformProviders": [], "terraformModules": [] }
JSON
cat > server.ts <<'TS'
import { readFileSync } from 'node:fs';
import { createVerifier } from 'cdktf-vault-a2a/verify';

// The audience is the role's client_id, known after apply (terraform output identity_token_audiences).
export const verifier = createVerifier({
  claims: JSON.parse(readFileSync('cards/reports/claims.json', 'utf8')),
  audiences: { 'nightly-digest.reports': 'client-id-from-terraform-output' },
});
TS
cat > stack.test.ts <<'TS'
import 'cdktf-vault-a2a/jest';
import { Testing } from 'cdktf';
import { AgentTopologyStack, loadTopologyFile } from 'cdktf-vault-a2a';

test('the starter topology grants least privilege', () => {
  const stack = new AgentTopologyStack(Testing.app(), 'starter', { topology: loadTopologyFile('topology.yaml') });
  const synthesized = Testing.synth(stack);
  expect(synthesized).toPassLeastPrivilege();
  expect(synthesized).toHaveExactAccess('entity:assistant', {
    vaultPaths: { 'identity/oidc/client/assistant': ['read'] },
    scopes: ['reports.reports.read'],
  });
});
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "node16", "moduleResolution": "node16", "strict": true, "esModuleInterop": true, "isolatedModules": true, "skipLibCheck": true, "noEmit": true, "types": ["node", "jest"] },
  "files": ["main.ts", "server.ts", "stack.test.ts"] }
JSON
step "tsc, node16 resolution (package exports)"
npx --no-install tsc -p tsconfig.json
step "tsc, node10 resolution (typesVersions)"
npx --no-install tsc -p tsconfig.json --module commonjs --moduleResolution node10
# CI=1: cdktf-cli prints plain lines instead of redrawing a spinner.
CI=1 npx --no-install cdktf synth
test -s cdktf.out/stacks/starter/cdk.tf.json
grep -q '"path": "../../../terraform.starter.tfstate"' cdktf.out/stacks/starter/cdk.tf.json

step "the verifier loads the claims vault-a2a cards writes"
npx --no-install vault-a2a cards topology.yaml --out cards
node -e "require('ts-node').register({ transpileOnly: true }); require('./server.ts'); console.log('verifier created')"

step "the jest matchers"
npx --no-install jest --preset ts-jest --testEnvironment node stack.test.ts

printf '\nconsumer-check: all steps passed\n'
