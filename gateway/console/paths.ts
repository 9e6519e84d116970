/** Where the console's sources are and where its build goes (apart from build.ts, so serving it does not load esbuild). */
import { join } from 'node:path';

/** The console's sources (a client of the public API, built by gateway/console/build.ts). */
export const CONSOLE_SOURCE_DIR = join(__dirname, '..', '..', 'console');
/** Where the gateway serves the console from unless `console.dir` says otherwise. */
export const DEFAULT_CONSOLE_DIR = join(CONSOLE_SOURCE_DIR, 'dist');
