/**
 * A registered node's identity on disk: `<NODE_DATA_DIR>/credential.json`, what the
 * gateway issued at registration (the secret included) and the hash of the token it
 * registered with, so that the same command line after a restart rejoins instead
 * of spending a used token again. Written atomically (temp file, fsync, rename,
 * fsync of the directory): a crash mid-write leaves the old file or the new one,
 * never half of one; mode 0600, since the secret is in it.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MIN_SECRET_LENGTH } from '../../schema/signing';

const CredentialSchema = z.strictObject({
  nodeId: z.string().min(1),
  cloudId: z.string().min(1),
  secret: z.string().min(MIN_SECRET_LENGTH),
  gatewayUrl: z.url(),
  /** SHA-256 (hex) of the registration token spent for this credential. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** ISO 8601. */
  registeredAt: z.string().min(1),
});

export type NodeCredential = z.infer<typeof CredentialSchema>;

export function credentialPath(dataDir: string): string {
  return join(dataDir, 'credential.json');
}

/** The stored credential; undefined when there is none. A file that is not one fails, naming it: never silently re-register. */
export function readCredential(dataDir: string): NodeCredential | undefined {
  const path = credentialPath(dataDir);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  let parsed: z.ZodSafeParseResult<NodeCredential>;
  try {
    parsed = CredentialSchema.safeParse(JSON.parse(text));
  } catch {
    throw new Error(`${path} is not a node credential (not JSON): remove it and register with a new token`);
  }
  if (!parsed.success) {
    throw new Error(
      `${path} is not a node credential (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}): remove it and register with a new token`,
    );
  }
  return parsed.data;
}

/** Replace the stored credential, atomically and durably (see the module comment). */
export function saveCredential(dataDir: string, credential: NodeCredential): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = credentialPath(dataDir);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(CredentialSchema.parse(credential), null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  // The rename is durable once the directory entry is.
  const dir = openSync(dataDir, 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
