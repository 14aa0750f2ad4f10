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

/** Flags through which someone already chose how the heap grows or how large it is: theirs win. */
const HEAP_SIZING_FLAG = /--(heap-growing-percent|heap_growing_percent|max-old-space-size|max_old_space_size|max-heap-size|max_heap_size|optimize-for-size|optimize_for_size|max-semi-space-size|max_semi_space_size|semi-space-growth-factor|semi_space_growth_factor)\b/;

/** The V8 flag to set at start-up, or undefined when the process was started with its own heap sizing. */
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | undefined {
  if (execArgv.some((arg) => HEAP_SIZING_FLAG.test(arg)) || HEAP_SIZING_FLAG.test(nodeOptions ?? "")) return undefined;
  return `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
}

/** Set once the CLI took the heap's sizing on itself; never in a test runner or a library user's process. */
let tuning = false;
let youngSized = false;

export function limitHeapGrowth(): void {
  const flag = heapGrowthFlag(process.execArgv, process.env.NODE_OPTIONS);
  if (flag === undefined) return;
  v8.setFlagsFromString(flag);
  tuning = true;
}

const MB = 1024 * 1024;

/**
 * Each of the young generation's two halves (semi-spaces) when a command works, in MB.
 *
 * V8 doubles the halves from 1 MB while much survives them, up to 16 MB in Node 20 and 64 MB in
 * Node 24, and both halves stay committed: 32 MB of RSS (128 in Node 24) for objects that mostly
 * live a few milliseconds. 8 MB halves took the large estate's first full sync from 257 to 237 MB
 * at the same wall time, 4 MB to 233 MB but 11% slower (issue 21: `--max-semi-space-size` at
 * start-up, measured by hand). That flag is read only when the heap is made, so the size is
 * reached another way: with `--semi-space-growth-factor` (read at every growth) set so that one
 * growth lands on the size, a few short-lived blocks survive one scavenge to cause it, and a
 * factor of 1 keeps it there. V8 still shrinks it while allocation is slow (a run at the real
 * rate limits, writing a field every 200 ms), and it then stays small: such a run allocates
 * little, and its first 14-minute window peaked at 173 MB with 1 MB halves through fields.
 */
export const YOUNG_HALF_MB = 8;
/** V8's own `--semi-space-growth-factor`, put back when the growth did not come. */
const V8_GROWTH_FACTOR = 2;
/** At most 16 MB of blocks: V8 grows after about 1.5 MB has survived. */
const MAX_BLOCKS = 512;

function youngGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_size ?? 0;
}

/**
 * Gives the young generation its working size (YOUNG_HALF_MB), once, before a command works;
 * about 20 ms, so `--help` never pays it. Does nothing unless limitHeapGrowth took the heap on.
 */
export function sizeYoungGeneration(): void {
  if (!tuning || youngSized) return;
  youngSized = true;
  const target = 2 * YOUNG_HALF_MB * MB;
  const size = youngGenerationBytes();
  if (size === 0) return;
  if (size < target) {
    // Until the first scavenge only one half is committed; either way a half is at least 1 MB.
    const half = Math.max(MB, size / 2);
    v8.setFlagsFromString(`--semi-space-growth-factor=${Math.max(2, Math.round((YOUNG_HALF_MB * MB) / half))}`);
    const blocks: unknown[][] = [];
    while (youngGenerationBytes() < target && blocks.length < MAX_BLOCKS) blocks.push(new Array<unknown>(4096));
    if (youngGenerationBytes() < target) {
      v8.setFlagsFromString(`--semi-space-growth-factor=${V8_GROWTH_FACTOR}`);
      return;
    }
  }
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}
