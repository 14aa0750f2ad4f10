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
