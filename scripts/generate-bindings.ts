/**
 * Regenerates the typed CDKTF bindings in lib/constructs/bindings/generated/ from the
 * hand-written provider schema lib/constructs/bindings/vault-provider-schema.json, with the
 * same generator (`@cdktf/provider-generator` 0.21) that produced `@cdktf/provider-vault`.
 *
 *   npx ts-node scripts/generate-bindings.ts          # rewrite the generated files
 *   npx ts-node scripts/generate-bindings.ts --check  # exit 1 if they are out of date
 *
 * Works offline: the generator reads the schema file, it does not call Terraform or a registry.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ProviderSchema } from '@cdktf/commons';

const BINDINGS_DIR = path.join(__dirname, '..', 'lib', 'constructs', 'bindings');
export const SCHEMA_FILE = path.join(BINDINGS_DIR, 'vault-provider-schema.json');
export const GENERATED_DIR = path.join(BINDINGS_DIR, 'generated');

/**
 * Written into the generated resources' `terraformGeneratorMetadata.providerVersionConstraint`.
 * It is documentation only: cdktf takes `required_providers` from the provider object, which is
 * why provider-constraint.ts overrides the stack (keep the two in sync).
 */
const PROVIDER_CONSTRAINT = '>= 5.10.1, < 6.0.0';

/** Resource type → file name under generated/. One entry per resource the schema must hold. */
const RESOURCE_FILES: Readonly<Record<string, string>> = {
  vault_agent_registration: 'agent-registration.ts',
  vault_oauth_resource_server_config_profile: 'oauth-resource-server-config-profile.ts',
};

const HEADER = [
  '// GENERATED FILE, DO NOT EDIT. Regenerate with `npx ts-node scripts/generate-bindings.ts`',
  '// from lib/constructs/bindings/vault-provider-schema.json (see ../README.md).',
  '/* eslint-disable */',
  '',
].join('\n');

/** The generated sources, keyed by file name under generated/, in a fixed order. */
export async function generateBindingSources(schemaFile: string = SCHEMA_FILE): Promise<Map<string, string>> {
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as ProviderSchema;
  const resourceTypes = Object.keys(schema.provider_schemas?.['registry.terraform.io/hashicorp/vault']?.resource_schemas ?? {});
  const expected = Object.keys(RESOURCE_FILES);
  if (resourceTypes.sort().join(',') !== [...expected].sort().join(',')) {
    throw new Error(`${schemaFile}: expected resource schemas ${expected.join(', ')}, found ${resourceTypes.join(', ') || 'none'}`);
  }

  const { ConstructsMakerProviderTarget, Language, TerraformProviderConstraint } = loadModule<typeof import('@cdktf/commons')>('@cdktf/commons');
  const { CodeMaker, TerraformProviderGenerator } = loadModule<typeof import('@cdktf/provider-generator')>('@cdktf/provider-generator');
  const code = new CodeMaker();
  const generator = new TerraformProviderGenerator(code, schema);
  const constraint = new TerraformProviderConstraint({
    name: 'vault',
    source: 'hashicorp/vault',
    version: PROVIDER_CONSTRAINT,
  });
  generator.generate(new ConstructsMakerProviderTarget(constraint, Language.TYPESCRIPT));

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vault-a2a-bindings-'));
  try {
    await code.save(outdir);
    const sources = new Map<string, string>();
    for (const [resourceType, fileName] of Object.entries(RESOURCE_FILES)) {
      const folder = resourceType.replace(/^vault_/, '').replace(/_/g, '-');
      const generated = fs.readFileSync(path.join(outdir, 'providers', 'vault', folder, 'index.ts'), 'utf8');
      sources.set(fileName, HEADER + normalize(generated));
    }
    return sources;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Loading @cdktf/commons runs `terraform version` when a terraform binary is on PATH; when the
 * CLI config file is missing terraform warns and commons logs that as an ERROR. The generator never uses
 * Terraform, so that one probe gets an empty config (the spawn happens during require).
 */
function loadModule<T>(name: string): T {
  // Without terraform on PATH, @cdktf/commons asks HashiCorp's checkpoint service for the latest
  // version instead; this machine (and CI) has no network beyond the package registries.
  process.env.CHECKPOINT_DISABLE = '1';
  const previous = process.env.TF_CLI_CONFIG_FILE;
  const missing = previous === undefined || !fs.existsSync(previous);
  if (missing) process.env.TF_CLI_CONFIG_FILE = os.devNull;
  try {
    return require(name) as T;
  } finally {
    if (previous === undefined) delete process.env.TF_CLI_CONFIG_FILE;
    else process.env.TF_CLI_CONFIG_FILE = previous;
  }
}

/** Trailing blanks and the codemaker's indentation quirks are not ours to commit. */
function normalize(source: string): string {
  return source
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n+$/, '\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const check = argv.includes('--check');
  const sources = await generateBindingSources();
  const stale: string[] = [];
  fs.mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [fileName, content] of sources) {
    const target = path.join(GENERATED_DIR, fileName);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    stale.push(path.relative(process.cwd(), target));
    if (!check) fs.writeFileSync(target, content);
  }
  if (check && stale.length > 0) {
    process.stderr.write(`Out of date (run npx ts-node scripts/generate-bindings.ts):\n  ${stale.join('\n  ')}\n`);
    return 1;
  }
  process.stdout.write(stale.length === 0 ? 'Bindings are up to date.\n' : `Wrote ${stale.join(', ')}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
