/**
 * cdktf records, for every token it creates (each attribute reference such as `policy.name`,
 * each `Lazy`), the complete stack trace of its creation, formatted, split into lines and kept
 * for as long as the process lives (its token map holds every token). It is read only to word
 * an error when a token fails to resolve. The tokens `AgentTopologyStack` creates are made by
 * this library's constructs from a validated plan; their traces cost about a sixth of the heap
 * the synthesis retains (15 of 90 MiB at 1,000 agents, in a heap snapshot) and 6% of its CPU
 * (1.1 s at 5,000 agents, in a CPU profile), growing with every agent.
 *
 * So, while the stack builds its constructs and resolves its document, tokens are created
 * without a trace (cdktf's error messages already handle an empty one). Tokens made anywhere
 * else, before or after (a user's own constructs, in the same stack or another), keep theirs.
 */
// Not re-exported by the package index; cdktf 0.21.0 is the last release, so the path is stable.
import * as stackTrace from 'cdktf/lib/tokens/private/stack-trace';

type Capture = typeof stackTrace.captureStackTrace;

const noTrace: Capture = () => [];
let depth = 0;
let original: Capture | undefined;

/** Runs `run` with cdktf's token creation traces off (nested calls allowed); restores them after, also on a throw. */
export function withoutTokenTraces<T>(run: () => T): T {
  const exports = stackTrace as { captureStackTrace: Capture };
  if (depth === 0) {
    original = exports.captureStackTrace;
    exports.captureStackTrace = noTrace;
  }
  depth++;
  try {
    return run();
  } finally {
    depth--;
    if (depth === 0) {
      exports.captureStackTrace = original!;
      original = undefined;
    }
  }
}
