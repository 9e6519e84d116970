/**
 * How a node is told to reach a real cloud: OpenStack scope and endpoint settings
 * (the OS_* names of an openrc file), the Director API version, per-operation
 * budgets and TLS trust. Validated at start, naming the variable.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BUDGETS } from '../../subgraphs/cloud-node/adapters/types';
import { loadNodeConfig } from '../../subgraphs/cloud-node/config';
import { loadSpNodeConfig } from '../../subgraphs/sp-node/config';

const base = { CLOUD_ID: 'nova-eu', CLOUD_API_URL: 'https://keystone.example:5000/v3', NODE_SECRET: 'n'.repeat(32) };
const nova = { ...base, CLOUD_KIND: 'nova', CLOUD_USERNAME: 'svc', CLOUD_PASSWORD: 'pw' };
const SHA256 = 'ab'.repeat(32);

describe('OpenStack settings', () => {
  it('scopes a password login to the project by name in its domain, the user in its own, Default when unnamed', () => {
    const { api } = loadNodeConfig({ ...nova, OS_PROJECT_NAME: 'billing', OS_PROJECT_DOMAIN_ID: 'd1', OS_REGION_NAME: 'RegionTwo' });
    expect(api.openstack).toEqual({
      project: { name: 'billing', domain: { id: 'd1' } },
      userDomain: { name: 'Default' },
      region: 'RegionTwo',
      interface: 'public',
    });
    expect(api.baseUrl).toBe(nova.CLOUD_API_URL);
    expect(loadNodeConfig({ ...nova, OS_PROJECT_ID: 'p1', OS_USER_DOMAIN_NAME: 'corp', OS_INTERFACE: 'internal' }).api.openstack).toEqual({
      project: { id: 'p1' },
      userDomain: { name: 'corp' },
      interface: 'internal',
    });
  });

  it('takes the project domain and the user domain by name or by id, Default by name when unset', () => {
    const scoped = (env: Record<string, string>) => loadNodeConfig({ ...nova, OS_PROJECT_NAME: 'billing', ...env }).api.openstack;
    expect(scoped({})).toMatchObject({ project: { name: 'billing', domain: { name: 'Default' } }, userDomain: { name: 'Default' } });
    expect(scoped({ OS_PROJECT_DOMAIN_NAME: 'partners', OS_USER_DOMAIN_ID: 'u1' })).toMatchObject({
      project: { name: 'billing', domain: { name: 'partners' } },
      userDomain: { id: 'u1' },
    });
  });

  it('requires a project for a password login', () => {
    expect(() => loadNodeConfig(nova)).toThrow(/OS_PROJECT_NAME: required for OpenStack password login/);
  });

  it('logs in with an application credential by id without a username, and by name with one', () => {
    const byId = loadNodeConfig({
      ...base,
      CLOUD_KIND: 'nova',
      OS_APPLICATION_CREDENTIAL_ID: 'ac1',
      OS_APPLICATION_CREDENTIAL_SECRET: 's',
    });
    expect(byId.api.openstack?.applicationCredential).toEqual({ id: 'ac1', secret: 's' });
    expect(byId.api.openstack?.project).toBeUndefined();
    const byName = { ...base, CLOUD_KIND: 'nova', OS_APPLICATION_CREDENTIAL_NAME: 'overcast', OS_APPLICATION_CREDENTIAL_SECRET: 's' };
    expect(() => loadNodeConfig(byName)).toThrow(/CLOUD_USERNAME: required with an application credential given by name/);
    expect(loadNodeConfig({ ...byName, CLOUD_USERNAME: 'svc' }).api.openstack?.applicationCredential).toEqual({
      name: 'overcast',
      secret: 's',
    });
  });

  it('refuses an application credential named both by id and by name', () => {
    const both = { ...base, CLOUD_KIND: 'nova', OS_APPLICATION_CREDENTIAL_ID: 'ac1', OS_APPLICATION_CREDENTIAL_NAME: 'n' };
    expect(() => loadNodeConfig({ ...both, OS_APPLICATION_CREDENTIAL_SECRET: 's' })).toThrow(
      /OS_APPLICATION_CREDENTIAL_NAME: set .* not both/,
    );
  });

  it('refuses an application credential without its secret, or with a project scope of its own', () => {
    const credential = { ...base, CLOUD_KIND: 'nova', OS_APPLICATION_CREDENTIAL_ID: 'ac1' };
    expect(() => loadNodeConfig(credential)).toThrow(/OS_APPLICATION_CREDENTIAL_SECRET: required/);
    expect(() => loadNodeConfig({ ...credential, OS_APPLICATION_CREDENTIAL_SECRET: 's', OS_PROJECT_NAME: 'x' })).toThrow(
      /OS_PROJECT_NAME: must not be set with an application credential/,
    );
  });

  it('takes a pinned compute microversion, and names a malformed one', () => {
    expect(loadNodeConfig({ ...nova, OS_PROJECT_ID: 'p', NOVA_MICROVERSION: '2.60' }).api.openstack?.microversion).toBe('2.60');
    expect(() => loadNodeConfig({ ...nova, OS_PROJECT_ID: 'p', NOVA_MICROVERSION: '3' })).toThrow(/NOVA_MICROVERSION/);
  });
});

describe('settings of every cloud kind', () => {
  const vsphere = {
    ...base,
    CLOUD_ID: 'dc-east',
    CLOUD_KIND: 'vsphere',
    CLOUD_API_URL: 'https://vc.example',
    CLOUD_USERNAME: 'u',
    CLOUD_PASSWORD: 'p',
  };

  it('still requires a username and password outside OpenStack application credentials', () => {
    expect(() => loadNodeConfig({ ...vsphere, CLOUD_PASSWORD: undefined })).toThrow(/CLOUD_PASSWORD: required/);
    expect(loadNodeConfig(vsphere).api.openstack).toBeUndefined();
  });

  it('follows power operations for the default budgets, or the configured ones', () => {
    // Two minutes each, as the README says: Nova's clean shutdown alone may take 60 s.
    expect(DEFAULT_BUDGETS).toEqual({ powerOnMs: 120_000, powerOffMs: 120_000 });
    expect(loadNodeConfig(vsphere).api.budgets).toEqual(DEFAULT_BUDGETS);
    expect(loadNodeConfig({ ...vsphere, CLOUD_POWER_OFF_BUDGET_MS: '90000' }).api.budgets).toEqual({
      ...DEFAULT_BUDGETS,
      powerOffMs: 90_000,
    });
    expect(() => loadNodeConfig({ ...vsphere, CLOUD_POWER_ON_BUDGET_MS: '0' })).toThrow(/CLOUD_POWER_ON_BUDGET_MS/);
  });

  it('pins the Director API version only for a Director cloud', () => {
    expect(loadNodeConfig({ ...vsphere, CLOUD_KIND: 'director', DIRECTOR_API_VERSION: '37.2' }).api.apiVersion).toBe('37.2');
    expect(loadNodeConfig({ ...vsphere, DIRECTOR_API_VERSION: '37.2' }).api.apiVersion).toBeUndefined();
    expect(() => loadNodeConfig({ ...vsphere, CLOUD_KIND: 'director', DIRECTOR_API_VERSION: 'latest' })).toThrow(/DIRECTOR_API_VERSION/);
  });

  it('reads a thumbprint in any usual spelling as Node reports it, and refuses one that is neither SHA-1 nor SHA-256', () => {
    const expected = SHA256.toUpperCase().match(/../g)!.join(':');
    for (const spelling of [SHA256, expected, `sha256:${SHA256}`, expected.toLowerCase()]) {
      expect(loadNodeConfig({ ...vsphere, CLOUD_TLS_THUMBPRINT: spelling }).api.tls).toEqual({ thumbprint: expected });
    }
    expect(loadNodeConfig({ ...vsphere, CLOUD_TLS_THUMBPRINT: 'a1'.repeat(20) }).api.tls?.thumbprint).toHaveLength(59);
    expect(() => loadNodeConfig({ ...vsphere, CLOUD_TLS_THUMBPRINT: 'abc' })).toThrow(/CLOUD_TLS_THUMBPRINT: must be a SHA-1/);
    expect(() => loadNodeConfig({ ...vsphere, CLOUD_API_URL: 'http://vc.example', CLOUD_TLS_THUMBPRINT: SHA256 })).toThrow(
      /CLOUD_CA_FILE, CLOUD_TLS_THUMBPRINT: need an https:\/\/ API URL/,
    );
  });

  it('refuses a CA file beside a thumbprint, which would replace its check', () => {
    expect(() => loadNodeConfig({ ...vsphere, CLOUD_CA_FILE: '/nonexistent.pem', CLOUD_TLS_THUMBPRINT: SHA256 })).toThrow(
      /CLOUD_CA_FILE, CLOUD_TLS_THUMBPRINT: set one, not both/,
    );
  });

  it('reads the CA file at start, and names it when it cannot be read or holds no certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'overcast-ca-'));
    try {
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      writeFileSync(join(dir, 'ca.pem'), pem);
      writeFileSync(join(dir, 'empty.pem'), 'nothing');
      expect(loadNodeConfig({ ...vsphere, CLOUD_CA_FILE: join(dir, 'ca.pem') }).api.tls).toEqual({ ca: pem });
      expect(() => loadNodeConfig({ ...vsphere, CLOUD_CA_FILE: join(dir, 'missing.pem') })).toThrow(/CLOUD_CA_FILE: cannot read .*ENOENT/);
      expect(() => loadNodeConfig({ ...vsphere, CLOUD_CA_FILE: join(dir, 'empty.pem') })).toThrow(
        /CLOUD_CA_FILE: .* holds no PEM certificate/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives an sp-node's two APIs their own trust, the director its version and the metrics application its source", () => {
    const sp = loadSpNodeConfig({
      ...base,
      CLOUD_ID: 'vcd-nl',
      DIRECTOR_API_URL: 'https://vcd.example',
      DIRECTOR_USERNAME: 'admin@System',
      DIRECTOR_PASSWORD: 'p',
      DIRECTOR_API_VERSION: '37.0',
      DIRECTOR_TLS_THUMBPRINT: SHA256,
      METRICS_API_URL: 'https://ops.example',
      METRICS_USERNAME: 'u',
      METRICS_PASSWORD: 'p',
      METRICS_AUTH_SOURCE: 'corp-ldap',
    });
    expect(sp.director).toMatchObject({ apiVersion: '37.0', tls: { thumbprint: expect.stringMatching(/^AB:AB:/) } });
    expect(sp.metrics.tls).toBeUndefined();
    expect(sp.metrics.authSource).toBe('corp-ldap');
  });

  it("reads an sp-node's CA files and the metrics application's thumbprint, each for its own API", () => {
    const dir = mkdtempSync(join(tmpdir(), 'overcast-ca-'));
    try {
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      writeFileSync(join(dir, 'ca.pem'), pem);
      const env = {
        ...base,
        CLOUD_ID: 'vcd-nl',
        DIRECTOR_API_URL: 'https://vcd.example',
        DIRECTOR_USERNAME: 'admin@System',
        DIRECTOR_PASSWORD: 'p',
        METRICS_API_URL: 'https://ops.example',
        METRICS_USERNAME: 'u',
        METRICS_PASSWORD: 'p',
      };
      const byCa = loadSpNodeConfig({ ...env, DIRECTOR_CA_FILE: join(dir, 'ca.pem'), METRICS_CA_FILE: join(dir, 'ca.pem') });
      expect([byCa.director.tls, byCa.metrics.tls]).toEqual([{ ca: pem }, { ca: pem }]);
      const pinned = loadSpNodeConfig({ ...env, METRICS_TLS_THUMBPRINT: 'a1'.repeat(20) });
      expect([pinned.director.tls, pinned.metrics.tls?.thumbprint]).toEqual([undefined, expect.stringMatching(/^A1:A1:/)]);
      expect(() => loadSpNodeConfig({ ...env, METRICS_CA_FILE: join(dir, 'missing.pem') })).toThrow(/METRICS_CA_FILE: cannot read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
