/**
 * Build the web console (console/) into static assets with esbuild: one hashed
 * script and stylesheet under assets/, and index.html naming them. Everything the app
 * needs is bundled from this repository's node_modules: nothing is fetched at run
 * time, so the console works with the network cut. `npm run build:console` (also run
 * by `npm ci` and `npm start`).
 *
 * The new build is written beside the old one and swapped in with a rename, so a
 * gateway serving the directory never sees half a build.
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { CONSOLE_SOURCE_DIR, DEFAULT_CONSOLE_DIR } from './paths';

export interface ConsoleBuild {
  dir: string;
  /** The files written, relative to `dir` (index.html first). */
  files: string[];
  /** Bytes of the script and stylesheet, as served (minified, before compression). */
  bytes: number;
}

/** Build the console into `outDir` (replacing what is there). */
export async function buildConsole(outDir: string = DEFAULT_CONSOLE_DIR): Promise<ConsoleBuild> {
  const staging = join(dirname(outDir), `.${basename(outDir)}.${process.pid}.${Date.now()}`);
  try {
    const result = await build({
      entryPoints: [join(CONSOLE_SOURCE_DIR, 'src', 'main.tsx')],
      outdir: join(staging, 'assets'),
      entryNames: '[name]-[hash]',
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      minify: true,
      // Maps for readable stack traces; the sources themselves are this repository's, not shipped twice.
      sourcemap: 'linked',
      sourcesContent: false,
      jsx: 'automatic',
      jsxImportSource: 'preact',
      legalComments: 'none',
      metafile: true,
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
    const outputs = Object.keys(result.metafile.outputs).map((file) => relative(staging, file));
    const script = outputs.find((file) => file.endsWith('.js'));
    const style = outputs.find((file) => file.endsWith('.css'));
    if (!script || !style) throw new Error(`console build made no script or stylesheet: ${outputs.join(', ')}`);
    const template = readFileSync(join(CONSOLE_SOURCE_DIR, 'index.html'), 'utf8');
    // Relative: the page works under a base path too (routes live in the fragment, so it is always the directory's index).
    writeFileSync(join(staging, 'index.html'), template.replace('%SCRIPT%', script).replace('%STYLE%', style));
    const bytes = Object.entries(result.metafile.outputs)
      .filter(([file]) => !file.endsWith('.map'))
      .reduce((sum, [, output]) => sum + output.bytes, 0);
    mkdirSync(dirname(outDir), { recursive: true });
    const previous = `${staging}.old`;
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    rmSync(previous, { recursive: true, force: true });
    return { dir: outDir, files: ['index.html', ...outputs], bytes };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  buildConsole(process.argv[2]).then(
    ({ dir, bytes }) => console.log(`console built into ${relative(process.cwd(), dir) || dir} (${Math.round(bytes / 1024)} KiB)`),
    (err: Error) => {
      console.error(`console build failed: ${err.message}`);
      process.exit(1);
    },
  );
}
