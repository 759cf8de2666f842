/**
 * A synchronous handle on `@cdktf/hcl2json`'s WebAssembly parser.
 *
 * Why: CDKTF Aspects and jest matchers are synchronous, and the package only exports an async
 * `parse` (it instantiates the module with the async `WebAssembly.instantiate`). The Go side of
 * the bridge answers a parse call synchronously once the module runs, so instantiating the
 * module with the synchronous `new WebAssembly.Instance` gives the very same parser without a
 * second implementation. This reads two files inside the package (`main.wasm.gz` and
 * `wasm/bridge_wasm_exec.js`); `@cdktf/hcl2json` 0.21 is the final release of CDKTF, so that
 * layout will not move under us. If it ever does, `parseSync` throws a clear error instead of
 * silently skipping policies.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

type Callback = (err: string | null, result?: string) => void;
interface Bridge {
  parse(filename: string, contents: string, cb: Callback): void;
}
interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

/** The global the Go program registers its functions on (set by the bridge before `go.run`). */
const BRIDGE_GLOBAL = '__parse_terraform_config_wasm__';

let bridge: Bridge | undefined;

function load(): Bridge {
  if (bridge) return bridge;
  const root = path.dirname(require.resolve('@cdktf/hcl2json/package.json'));
  const execJs = path.join(root, 'wasm', 'bridge_wasm_exec.js');
  const wasmGz = path.join(root, 'main.wasm.gz');
  if (!fs.existsSync(execJs) || !fs.existsSync(wasmGz))
    throw new Error(`@cdktf/hcl2json at ${root} does not have the expected wasm/bridge_wasm_exec.js and main.wasm.gz`);
  // Defines `globalThis.Go` (the Go WebAssembly runtime shim shipped with the package).
  require(execJs);
  const GoCtor = (globalThis as unknown as { Go: new () => GoRuntime }).Go;
  const go = new GoCtor();
  const module = new WebAssembly.Module(zlib.gunzipSync(fs.readFileSync(wasmGz)));
  const instance = new WebAssembly.Instance(module, go.importObject);
  const functions = {} as Bridge;
  const g = globalThis as unknown as Record<string, unknown>;
  // The async bridge of the package uses the same global; it reads it only while its own
  // `go.run` starts, which cannot interleave with this synchronous block.
  const previous = g[BRIDGE_GLOBAL];
  g[BRIDGE_GLOBAL] = functions;
  // Runs the Go `main` up to the point where it has registered its functions and blocks.
  void go.run(instance);
  g[BRIDGE_GLOBAL] = previous;
  if (typeof functions.parse !== 'function') throw new Error('@cdktf/hcl2json WebAssembly module did not register "parse"');
  bridge = functions;
  return bridge;
}

/** Parses HCL to JSON synchronously; throws with HCL's diagnostic text on a syntax error. */
export function parseSync(filename: string, contents: string): unknown {
  let outcome: { err: string | null; result?: string } | undefined;
  load().parse(filename, contents, (err, result) => {
    outcome = { err, ...(result !== undefined ? { result } : {}) };
  });
  if (!outcome) throw new Error('@cdktf/hcl2json did not answer synchronously');
  if (outcome.err) throw new Error(outcome.err);
  return JSON.parse(outcome.result ?? 'null');
}
