/** A node's credential file: what is saved is what is read, privately, and a file that is not one is refused by name. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { credentialPath, readCredential, saveCredential, type NodeCredential } from '../../subgraphs/shared/nodeCredential';
import { registrationTokenHash } from '../../schema/nodeSettings';
import { joinFrom } from '../../subgraphs/shared/join';

describe('the node credential file', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'overcast-credential-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const credential = (secret = 's'.repeat(64)): NodeCredential => ({
    nodeId: 'dc-east/cloud-node',
    cloudId: 'dc-east',
    secret,
    gatewayUrl: 'http://127.0.0.1:4000/graphql',
    tokenHash: registrationTokenHash('a-token'),
    registeredAt: new Date(0).toISOString(),
  });

  it('reads back what was saved, mode 0600, in a directory it creates, leaving no temporary file', () => {
    const dataDir = join(dir, 'node');
    saveCredential(dataDir, credential());
    expect(readCredential(dataDir)).toEqual(credential());
    expect(statSync(credentialPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual(['credential.json']);
  });

  it('replaces a saved credential', () => {
    saveCredential(dir, credential());
    saveCredential(dir, credential('t'.repeat(64)));
    expect(readCredential(dir)?.secret).toBe('t'.repeat(64));
  });

  it('has none in an empty directory', () => {
    expect(readCredential(dir)).toBeUndefined();
  });

  it('refuses a file that is not a credential, naming it', () => {
    writeFileSync(credentialPath(dir), '{"nodeId":"x"}');
    expect(() => readCredential(dir)).toThrow(`${credentialPath(dir)} is not a node credential`);
    writeFileSync(credentialPath(dir), 'not json');
    expect(() => readCredential(dir)).toThrow(`${credentialPath(dir)} is not a node credential (not JSON)`);
  });

  it('keeps the hash of the token, not the token', () => {
    saveCredential(dir, credential());
    const stored = readFileSync(credentialPath(dir), 'utf8');
    expect(stored).not.toContain('a-token');
    expect(stored).toContain(createHash('sha256').update('a-token').digest('hex'));
  });
});

describe('joining with NODE_DATA_DIR', () => {
  it('rejoins or registers from the data directory, and refuses a pre-shared secret beside it', () => {
    expect(joinFrom({ NODE_DATA_DIR: '/d', GATEWAY_URL: 'http://g/', REGISTRATION_TOKEN: 't', NODE_REJOIN_AFTER_MS: 5 })).toEqual({
      dataDir: '/d',
      gatewayUrl: 'http://g/',
      token: 't',
      rejoinAfterMs: 5,
    });
    expect(joinFrom({ NODE_DATA_DIR: '/d' })).toEqual({ dataDir: '/d', rejoinAfterMs: 60_000 });
    expect(() => joinFrom({ NODE_DATA_DIR: '/d', NODE_SECRET: 'x'.repeat(32) })).toThrow(
      'NODE_SECRET (a pre-shared secret) and NODE_DATA_DIR',
    );
  });
});
