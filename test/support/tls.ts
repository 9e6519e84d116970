/**
 * A throw-away self-signed certificate for 127.0.0.1, made with the `openssl` CLI at
 * test time (no key is kept in the repository). The certificate is its own CA: a
 * gateway given it as `nodeTls.caFile` trusts a node serving it, and nothing else
 * does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM certificate, also the CA file that trusts it. */
  certFile: string;
  /** PEM private key. */
  keyFile: string;
  cert: string;
  /** Delete the files. */
  remove(): void;
}

/** A certificate for `ip` (subjectAltName IP), valid for a day. Throws if `openssl` is not installed. */
export function selfSignedCertificate(ip = '127.0.0.1'): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'overcast-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${ip}`,
        '-addext',
        `subjectAltName=IP:${ip}`,
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`selfSignedCertificate: openssl failed (is it installed?): ${(err as Error).message}`);
  }
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
