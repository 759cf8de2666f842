#!/usr/bin/env bash
# Uses the package the way a project that depends on it does, following docs/install.md: `npm pack`,
# install the tarball into a scratch project with the tools the page names, write the page's files
# there (every block marked <!-- file: … -->) and run what the page says:
#   - the CLI through npx: --version, init, validate, synth, check, cards;
#   - tsc over the page's app, typed topology, L2 stack and tests, and a verifier using
#     `cdktf-vault-a2a/verify`, under node16 (package exports) and node10 (typesVersions) resolution;
#   - `npx cdktf synth` on the page's app and cdktf.json;
#   - jest with the page's config: the matchers with the one import, and through the setup file.
# Needs the npm registry (or a warm npm cache) for the consumer's own dependencies. Run by .ci/run
# after `npm ci` (which builds dist/).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export CHECKPOINT_DISABLE=1 # cdktf-cli: no version check against the network
export CI=1                 # cdktf-cli: plain lines instead of a redrawn spinner

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
step "npm install the tarball and the tools docs/install.md names"
npm install --no-audit --no-fund --prefer-offline --loglevel=error \
  "$tarball" \
  "cdktf-cli@$(dev cdktf-cli)" "typescript@$(dev typescript)" "ts-node@$(dev ts-node)" "@types/node@$(dev @types/node)" \
  "jest@$(dev jest)" "ts-jest@$(dev ts-jest)" "@types/jest@$(dev @types/jest)"

step "the CLI"
test "$(npx --no-install vault-a2a --version)" = "$version"
npx --no-install vault-a2a init
# The editor finds the installed package's schema.
grep -q '^# yaml-language-server: \$schema=node_modules/cdktf-vault-a2a/schema/topology.schema.json$' topology.yaml
npx --no-install vault-a2a validate topology.yaml
test "$(npx --no-install vault-a2a synth topology.yaml)" = "cdktf.out/stacks/starter/cdk.tf.json"
npx --no-install vault-a2a check cdktf.out --topology topology.yaml
npx --no-install vault-a2a cards topology.yaml --out cards
rm -rf cdktf.out

step "the files of docs/install.md"
node "$ROOT/dist/scripts/doc-blocks.js" "$ROOT/docs/install.md" .
# A verifier (docs/verify.md has the whole server). The audience is the role's client_id, known
# after apply (terraform output identity_token_audiences).
cat > server.ts <<'TS'
import { readFileSync } from 'node:fs';
import { createVerifier } from 'cdktf-vault-a2a/verify';

export const verifier = createVerifier({
  claims: JSON.parse(readFileSync('cards/reports/claims.json', 'utf8')),
  audiences: { 'nightly-digest.reports': 'client-id-from-terraform-output' },
});
TS
# A test that relies on the setup file alone.
cat > setup-only.test.ts <<'TS'
import { Testing } from 'cdktf';
import { AgentTopologyStack, loadTopologyFile } from 'cdktf-vault-a2a';

test('the matchers registered by jest.setup.ts', () => {
  expect(Testing.synth(new AgentTopologyStack(Testing.app(), 'starter', { topology: loadTopologyFile('topology.yaml') }))).toPassLeastPrivilege();
});
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "node16", "moduleResolution": "node16", "strict": true, "esModuleInterop": true, "isolatedModules": true, "skipLibCheck": true, "noEmit": true, "types": ["node", "jest"] },
  "files": ["main.ts", "typed.ts", "l2.ts", "server.ts", "stack.test.ts", "jest.setup.ts", "setup-only.test.ts"] }
JSON

step "tsc, node16 resolution (package exports)"
npx --no-install tsc -p tsconfig.json
step "tsc, node10 resolution (typesVersions)"
npx --no-install tsc -p tsconfig.json --module commonjs --moduleResolution node10

step "cdktf synth"
npx --no-install cdktf synth
test -s cdktf.out/stacks/starter/cdk.tf.json
grep -q '"path": "../../../terraform.starter.tfstate"' cdktf.out/stacks/starter/cdk.tf.json

step "the verifier loads the claims vault-a2a cards wrote"
node -e "require('ts-node').register({ transpileOnly: true }); require('./server.ts'); console.log('verifier created')"

step "jest with the matchers"
npx --no-install jest

printf '\nconsumer-check: all steps passed\n'
