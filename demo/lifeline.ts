/**
 * Preloaded (`node --import`) into every process the demo launcher starts. The
 * launcher holds the write end of this process's stdin and never writes to it; when
 * that end closes, the launcher is gone — killed with SIGKILL, or crashed — and no
 * signal will ever come. This process then stops as if it had received SIGTERM (its
 * own handler closes it cleanly), instead of living on as an orphan that holds its
 * port and breaks the next `npm start`.
 */
import type { Socket } from 'node:net';

process.stdin.once('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
// Watching must not be what keeps a process alive: its servers do that.
(process.stdin as Socket).unref();
