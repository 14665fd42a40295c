import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { InputError } from '../../../src/errors.js';
import {
  resolveWeightGroups,
  weightByteLength,
} from '../../../src/segmenters/tfjs/weights-manifest.js';
import { temporaryFolder } from './support.js';

describe('weightByteLength', () => {
  it('multiplies the shape by the dtype size', () => {
    expect(weightByteLength({ name: 'w', shape: [3, 3, 8, 16], dtype: 'float32' })).toBe(4608);
    expect(weightByteLength({ name: 'b', shape: [5], dtype: 'int32' })).toBe(20);
    expect(weightByteLength({ name: 'm', shape: [7], dtype: 'bool' })).toBe(7);
    expect(weightByteLength({ name: 's', shape: [], dtype: 'float32' })).toBe(4);
  });

  it('uses the quantized dtype', () => {
    const float16 = { dtype: 'float16' as const };
    const uint8 = { dtype: 'uint8' as const, scale: 0.1, min: -1 };
    const uint16 = { dtype: 'uint16' as const, scale: 0.1, min: -1 };

    expect(
      weightByteLength({
        name: 'w',
        shape: [2, 2, 1, 16],
        dtype: 'float32',
        quantization: float16,
      }),
    ).toBe(128);
    expect(
      weightByteLength({ name: 'w', shape: [10], dtype: 'float32', quantization: uint8 }),
    ).toBe(10);
    expect(
      weightByteLength({ name: 'w', shape: [10], dtype: 'float32', quantization: uint16 }),
    ).toBe(20);
  });

  it('returns null for string weights', () => {
    expect(weightByteLength({ name: 'vocab', shape: [3], dtype: 'string' })).toBeNull();
  });
});

describe('resolveWeightGroups', () => {
  let folder: { path: string; remove: () => Promise<void> };
  let jsonPath: string;

  beforeEach(async () => {
    folder = await temporaryFolder();
    await mkdir(join(folder.path, 'model'));
    jsonPath = join(folder.path, 'model', 'model.json');
  });

  afterEach(async () => {
    await folder.remove();
  });

  const weights = [
    { name: 'a', shape: [4], dtype: 'float32' as const },
    { name: 'b', shape: [2, 2], dtype: 'float32' as const },
  ];

  it('resolves shards relative to the JSON', async () => {
    await writeFile(join(folder.path, 'model', 'one.bin'), new Uint8Array(20));
    await mkdir(join(folder.path, 'model', 'shards'));
    await writeFile(join(folder.path, 'model', 'shards', 'two.bin'), new Uint8Array(12));

    const groups = await resolveWeightGroups(jsonPath, [
      { paths: ['one.bin', 'shards/two.bin'], weights },
    ]);

    expect(groups).toHaveLength(1);
    expect(groups[0]?.expectedBytes).toBe(32);
    expect(groups[0]?.files.map((file) => file.path)).toEqual([
      join(folder.path, 'model', 'one.bin'),
      join(folder.path, 'model', 'shards', 'two.bin'),
    ]);
    expect(groups[0]?.files.map((file) => file.bytes)).toEqual([20, 12]);
  });

  it('reports a byte count mismatch per file', async () => {
    await writeFile(join(folder.path, 'model', 'one.bin'), new Uint8Array(20));
    await writeFile(join(folder.path, 'model', 'two.bin'), new Uint8Array(8));

    const resolving = resolveWeightGroups(jsonPath, [{ paths: ['one.bin', 'two.bin'], weights }]);

    await expect(resolving).rejects.toThrow(InputError);
    await expect(resolving).rejects.toThrow(
      `Weight files of group 1 in ${jsonPath} hold 28 bytes (one.bin 20 bytes, two.bin 8 bytes) ` +
        "but the manifest's weights need 32 bytes (4 bytes missing).",
    );
  });

  it('reports extra bytes', async () => {
    await writeFile(join(folder.path, 'model', 'one.bin'), new Uint8Array(40));

    await expect(resolveWeightGroups(jsonPath, [{ paths: ['one.bin'], weights }])).rejects.toThrow(
      "hold 40 bytes (one.bin 40 bytes) but the manifest's weights need 32 bytes (8 bytes too many)",
    );
  });

  it('reports a missing shard', async () => {
    await writeFile(join(folder.path, 'model', 'one.bin'), new Uint8Array(20));

    const resolving = resolveWeightGroups(jsonPath, [{ paths: ['one.bin', 'two.bin'], weights }]);

    await expect(resolving).rejects.toThrow(InputError);
    await expect(resolving).rejects.toThrow(
      `Weight file ${join(folder.path, 'model', 'two.bin')}, listed as "two.bin" in ` +
        `weightsManifest of ${jsonPath}, was not found.`,
    );
  });

  it('rejects a path above the model folder', async () => {
    await writeFile(join(folder.path, 'outside.bin'), new Uint8Array(32));

    const resolving = resolveWeightGroups(jsonPath, [{ paths: ['../outside.bin'], weights }]);

    await expect(resolving).rejects.toThrow(InputError);
    await expect(resolving).rejects.toThrow(
      `Weight path "../outside.bin" in ${jsonPath} leaves the model folder`,
    );
  });

  it('rejects a path that climbs back in', async () => {
    await expect(
      resolveWeightGroups(jsonPath, [{ paths: ['shards/../../model/one.bin'], weights }]),
    ).rejects.toThrow('leaves the model folder');
  });

  it('rejects absolute paths', async () => {
    const absolute = join(folder.path, 'model', 'one.bin');
    await writeFile(absolute, new Uint8Array(32));

    await expect(resolveWeightGroups(jsonPath, [{ paths: [absolute], weights }])).rejects.toThrow(
      `Weight path "${absolute}" in ${jsonPath} is absolute`,
    );
    await expect(
      resolveWeightGroups(jsonPath, [{ paths: ['C:\\weights\\one.bin'], weights }]),
    ).rejects.toThrow('is absolute');
  });

  it('skips the size check with string weights', async () => {
    await writeFile(join(folder.path, 'model', 'one.bin'), new Uint8Array(11));

    const groups = await resolveWeightGroups(jsonPath, [
      { paths: ['one.bin'], weights: [{ name: 'vocab', shape: [1], dtype: 'string' }] },
    ]);

    expect(groups[0]?.expectedBytes).toBeNull();
  });
});
