/**
 * Finds and reads synthesized stacks: a `cdk.tf.json` (or any `*.tf.json`) file, a stack
 * directory holding one, or a `cdktf.out` directory (its `manifest.json`, else
 * `stacks/<name>/cdk.tf.json`). Every problem with every input is collected before failing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isObject } from './json';
import { jsonErrorOffset, lineColumn } from './json-position';
import { configurationFromPlan, isTerraformPlanJson } from './plan-json';
import { readStack, StackShapeError, SynthesizedStack } from './stack';
import { compareStrings } from '../vault/order';

export class StackLoadError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'StackLoadError';
  }
}

/** Every stack file named by `inputs` (files or directories), sorted, without duplicates. */
export function findStackFiles(inputs: readonly string[], cwd: string = process.cwd()): { files: string[]; problems: string[] } {
  const files = new Set<string>();
  const problems: string[] = [];
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(full);
    } catch {
      problems.push(`${input}: no such file or directory`);
      continue;
    }
    if (stat.isFile()) {
      files.add(full);
      continue;
    }
    const found = stackFilesInDirectory(full);
    if (found.length === 0)
      problems.push(`${input}: no cdk.tf.json here, in stacks/*/, in a manifest.json or as <stack>.plan.json (run \`cdktf synth\` first, or pass the file itself)`);
    for (const f of found) files.add(f);
  }
  return { files: [...files].sort(compareStrings), problems };
}

function stackFilesInDirectory(dir: string): string[] {
  const direct = path.join(dir, 'cdk.tf.json');
  if (fs.existsSync(direct)) return [direct];
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    try {
      const json: unknown = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      if (isObject(json) && isObject(json.stacks)) {
        const listed = Object.values(json.stacks)
          .map((s) => (isObject(s) && typeof s.synthesizedStackPath === 'string' ? path.join(dir, s.synthesizedStackPath) : undefined))
          .filter((f): f is string => f !== undefined && fs.existsSync(f));
        if (listed.length > 0) return listed;
      }
    } catch {
      // Fall back to the directory layout below.
    }
  }
  const stacksDir = path.join(dir, 'stacks');
  if (!fs.existsSync(stacksDir)) {
    // A directory of plans as JSON (`terraform show -json` saved per stack as <stack>.plan.json).
    return fs
      .readdirSync(dir)
      .filter((f) => /\.(plan|tfplan)\.json$/.test(f))
      .map((f) => path.join(dir, f));
  }
  return fs
    .readdirSync(stacksDir)
    .map((name) => path.join(stacksDir, name, 'cdk.tf.json'))
    .filter((f) => fs.existsSync(f));
}

/** Reads every stack named by `inputs`; throws StackLoadError listing all problems. */
export function loadStacks(inputs: readonly string[], cwd: string = process.cwd()): SynthesizedStack[] {
  const { files, problems } = findStackFiles(inputs, cwd);
  const stacks: SynthesizedStack[] = [];
  for (const file of files) {
    const shown = displayPath(file, cwd);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`${shown}: cannot read: ${(err as Error).message}`);
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      problems.push(`${shown}:${jsonErrorPosition(text)} invalid JSON: ${(err as Error).message.split('\n')[0]}`);
      continue;
    }
    if (isTerraformPlanJson(json)) {
      // `terraform show -json` of a plan: the configuration it applies (plan-json.ts).
      const converted = configurationFromPlan(json);
      if (converted.problems.length > 0) {
        problems.push(...converted.problems.map((p) => `${shown}: ${p}`));
        continue;
      }
      json = converted.document;
    }
    try {
      stacks.push(readStack(json, { file: shown, name: defaultStackName(json, file) }));
    } catch (err) {
      if (err instanceof StackShapeError) problems.push(...err.problems.map((p) => `${shown}: ${p}`));
      else throw err;
    }
  }
  if (problems.length > 0) throw new StackLoadError(problems);
  return stacks;
}

function defaultStackName(json: unknown, file: string): string | undefined {
  if (isObject(json) && isObject(json['//']) && isObject(json['//'].metadata) && typeof json['//'].metadata.stackName === 'string')
    return json['//'].metadata.stackName;
  // stacks/<name>/cdk.tf.json → <name>; a plan `<name>.plan.json` or `<name>.tfplan.json` → <name>; other files → their base name.
  return path.basename(file) === 'cdk.tf.json' ? path.basename(path.dirname(file)) : path.basename(file).replace(/\.(tf|plan|tfplan)\.json$|\.json$/, '');
}

/** Paths in reports are relative to the working directory, with "/" on every platform. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/** `line:col:` of a JSON syntax error, for the message. */
function jsonErrorPosition(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return '';
  const { line, column } = lineColumn(text, offset);
  return `${line}:${column}:`;
}
