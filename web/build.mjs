// Bundles the page (web/src) into src/Baton.Server/wwwroot, which Baton.Server embeds. Run by the server's MSBuild
// target (`npm ci` then `node build.mjs`); Node is needed only here, never at run time.
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, '..', 'src', 'Baton.Server', 'wwwroot');

await rm(out, { recursive: true, force: true });
await mkdir(join(out, 'assets'), { recursive: true });
await build({
  entryPoints: {
    app: join(here, 'src', 'main.js'),
    'hash-worker': join(here, 'src', 'hash-worker.js'),
    style: join(here, 'src', 'style.css'),
  },
  outdir: join(out, 'assets'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  legalComments: 'linked',
  // The hash worker's SHA-256 modules (web/sha256), embedded as bytes: no extra request, no wasm MIME type to serve.
  loader: { '.wasm': 'binary' },
  logLevel: 'warning',
});
await copyFile(join(here, 'src', 'index.html'), join(out, 'index.html'));
await copyFile(join(here, 'src', 'favicon.svg'), join(out, 'assets', 'favicon.svg'));
