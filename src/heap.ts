import v8 from "node:v8";
import vm from "node:vm";

/** Node's full collection, reached without starting the process with `--expose-gc`; null where it cannot be had. */
let fullCollection: (() => void) | null | undefined;

/**
 * One full collection, now. Until its first one V8 lets the old space grow far past the live
 * data (that first limit comes from the heap's ceiling, not from what the program holds), so a
 * short run that loads a large state file (34 MB of text on 50,000 devices, most of it kept
 * once parsed) peaked wherever that first collection happened to fall: 254 to 286 MB over
 * otherwise equal runs (issue 21). Collected right after the load, the text is gone and the heap
 * grows from what is really held. The flag makes `gc` a global of new contexts only.
 */
export function collectGarbageNow(): void {
  if (fullCollection === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      fullCollection = vm.runInNewContext("gc") as () => void;
    } catch {
      fullCollection = null;
    }
  }
  fullCollection?.();
}

/**
 * How far V8 lets the old space grow past the data that survived the last full collection.
 *
 * By default V8 picks that factor per collection, from 1.1 up to 4 when the heap limit is
 * large (it is derived from the machine's memory) and the program allocates fast. A sync
 * allocates fast (responses, plans, JSON), so on the large estate its old space stood at about
 * four times its live data: 782 MB of RSS for some 110 MB live (issue 21, `npm run bench`).
 * A tool that cron runs on a shared box should stay near what it holds. This is not a ceiling:
 * a larger estate still grows as far as it needs, only in smaller steps, at the cost of more
 * full collections: 30% gave 260 to 263 MB on that run, 20% 256 MB at 7% more wall time with
 * the rate limits off (none at the real rates, where the wait is the rate limit's).
 *
 * V8 reads the flag each time it computes the next limit (MemoryController::GrowingFactor in
 * src/heap/heap-controller.cc), so setting it at start-up takes effect, and Node leaves flags
 * unfrozen after start-up (`--no-freeze-flags-after-init` is V8's default in Node 20 and 24).
 */
export const HEAP_GROWING_PERCENT = 20;

/** Flags through which someone already chose how the heap grows: theirs win. */
const HEAP_SIZING_FLAG = /--(heap-growing-percent|heap_growing_percent|max-old-space-size|max_old_space_size|max-heap-size|max_heap_size|optimize-for-size|optimize_for_size)\b/;

/** The V8 flag to set at start-up, or undefined when the process was started with its own heap sizing. */
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  if (execArgv.some((arg) => HEAP_SIZING_FLAG.test(arg)) || HEAP_SIZING_FLAG.test(nodeOptions ?? "")) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

export function limitHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag !== undefined) v8.setFlagsFromString(flag);
}
