// Builds dist/ with esbuild. `--check` builds into a temporary folder and exits 1 when the
// committed dist/ differs, so CI catches a dist/ that is not what the sources build.
import { build } from 'esbuild';
import { chmod, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const entries = [
  // The engine: dependencies stay in node_modules, where native ones (sharp, ONNX Runtime) live.
  { in: 'src/cli/main.ts', out: 'cli.js', packages: 'external', banner: '#!/usr/bin/env node' },
];
if (existsSync('src/action/index.ts')) {
  // The action entry: self-contained, because the runner starts it before any install.
  entries.push({ in: 'src/action/index.ts', out: 'index.js', packages: undefined, banner: '' });
}

async function buildInto(outdir) {
  for (const entry of entries) {
    await build({
      entryPoints: [entry.in],
      outfile: join(outdir, entry.out),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: entry.packages,
      banner: {
        js: [
          entry.banner,
          "import { createRequire as __segGateCreateRequire } from 'node:module';",
          'const require = __segGateCreateRequire(import.meta.url);',
        ]
          .filter(Boolean)
          .join('\n'),
      },
      legalComments: 'none',
      logLevel: 'warning',
    });
    if (entry.banner) {
      // The engine is the package's `bin`; npx would otherwise set the mode and dirty the checkout.
      await chmod(join(outdir, entry.out), 0o755);
    }
  }
}

async function listFiles(dir) {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

async function check() {
  const temp = await mkdtemp(join(tmpdir(), 'seg-gate-dist-'));
  try {
    await buildInto(temp);
    const built = await listFiles(temp);
    const committed = existsSync('dist') ? await listFiles('dist') : [];
    const stale = [];
    for (const file of new Set([...built, ...committed])) {
      const a = existsSync(join(temp, file)) ? await readFile(join(temp, file)) : null;
      const b = existsSync(join('dist', file)) ? await readFile(join('dist', file)) : null;
      if (!a || !b || !a.equals(b)) {
        stale.push(file);
      }
    }
    if (stale.length > 0) {
      console.error(`dist/ is not what the sources build: ${stale.join(', ')} differ.`);
      console.error('Run `npm run build` and commit dist/.');
      process.exit(1);
    }
    console.log('dist/ matches the sources.');
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

if (process.argv.includes('--check')) {
  await check();
} else {
  await rm('dist', { recursive: true, force: true });
  await buildInto('dist');
}
