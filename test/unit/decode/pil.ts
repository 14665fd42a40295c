import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

const SCRIPT = fileURLToPath(new URL('../../fixtures/decode/pil_read_mask.py', import.meta.url));

/** What `test/fixtures/decode/pil_read_mask.py` prints for one PNG. */
export interface PilMask {
  readonly mode: string;
  readonly width: number;
  readonly height: number;
  readonly histogram: Readonly<Record<string, number>>;
  readonly palette: readonly number[] | null;
  readonly values?: readonly number[];
}

/**
 * Finds a Python interpreter that imports PIL and numpy, or returns null. The Debian packages
 * python3-pil and python3-numpy install them for /usr/bin/python3, which a pyenv `python3` on
 * PATH may hide.
 */
async function findPython(): Promise<string | null> {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      await run(candidate, ['-c', 'import PIL, numpy']);
      return candidate;
    } catch {
      // Try the next interpreter.
    }
  }
  return null;
}

export const pythonWithPil = await findPython();

/** Reason printed by suites that skip when PIL is not available. */
export const PIL_SKIP_REASON =
  'python3 with PIL and numpy not found; install python3-pil and python3-numpy to run the PIL ' +
  'cross-checks';

if (pythonWithPil === null) {
  console.warn(PIL_SKIP_REASON);
}

/** Reads a PNG with PIL (see the script's docstring for the fields). */
export async function readWithPil(path: string): Promise<PilMask> {
  if (pythonWithPil === null) {
    throw new Error(PIL_SKIP_REASON);
  }
  const { stdout } = await run(pythonWithPil, [SCRIPT, path], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as PilMask;
}
