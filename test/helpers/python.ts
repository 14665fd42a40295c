import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/** Debian's interpreter, which has python3-numpy, python3-pil and python3-onnx. */
export const DEBIAN_PYTHON = '/usr/bin/python3';

const run = promisify(execFile);

/** True when Debian's python3 can import every module named. */
export async function hasPythonModules(modules: readonly string[]): Promise<boolean> {
  if (!existsSync(DEBIAN_PYTHON)) {
    return false;
  }
  try {
    await run(DEBIAN_PYTHON, ['-c', `import ${modules.join(', ')}`]);
    return true;
  } catch {
    return false;
  }
}

/** Runs a Python script with Debian's python3 and parses its stdout as JSON. */
export async function runPythonJson<T>(script: string, args: readonly string[]): Promise<T> {
  const { stdout } = await run(DEBIAN_PYTHON, [script, ...args], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as T;
}
