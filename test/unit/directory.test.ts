import { TenantDirectory, type TenantSpec } from '../../gateway/tenancy/directory';

const tenant = (id: string, extra: Partial<TenantSpec> = {}): TenantSpec => ({
  id,
  name: id.toUpperCase(),
  clouds: [],
  orgs: [],
  orgNames: [],
  ...extra,
});

describe('the tenant directory', () => {
  it('refuses a cloud given to two tenants', () => {
    expect(() => new TenantDirectory([tenant('a', { clouds: ['c1'] }), tenant('b', { clouds: ['c1'] })])).toThrow(
      /cloud "c1" is given to both "a" and "b"/,
    );
  });

  it('refuses an organization given to two tenants, and a tenant listed twice', () => {
    expect(() => new TenantDirectory([tenant('a', { orgs: ['mt:o1'] }), tenant('b', { orgs: ['mt:o1'] })])).toThrow(/organization "mt:o1"/);
    expect(() => new TenantDirectory([tenant('a'), tenant('a')])).toThrow(/"a" is listed twice/);
  });

  it('matches discovered organizations by tenant id or configured name, case-insensitively', () => {
    const directory = new TenantDirectory([tenant('acme', { orgNames: ['ACME-Prod'] }), tenant('globex')]);
    const result = directory.applyDiscovered([
      { id: 'mt:1', name: 'Acme' },
      { id: 'mt:2', name: 'acme-prod' },
      { id: 'mt:3', name: 'initech' },
      { id: 'mt2:4', name: 'globex' },
    ]);
    expect(result).toEqual({ matched: ['mt:1', 'mt:2', 'mt2:4'], unmapped: ['mt:3'] });
    expect(directory.orgIdsOf('acme')).toEqual(['mt:1', 'mt:2']);
    expect(directory.mappingOf('mt:1')).toMatchObject({ tenant: { id: 'acme' }, source: 'NAME_MATCH' });
    expect(directory.cloudsOf('acme')).toEqual(['mt']);
    expect(directory.cloudsOf('globex')).toEqual(['mt2']);
  });

  it('keeps configured and manual mappings over name matches, and honours an unmapping', () => {
    const directory = new TenantDirectory([tenant('acme'), tenant('globex', { orgs: ['mt:1'] })]);
    directory.unmap('mt:2');
    directory.applyDiscovered([
      { id: 'mt:1', name: 'acme' },
      { id: 'mt:2', name: 'acme' },
    ]);
    expect(directory.mappingOf('mt:1')).toMatchObject({ tenant: { id: 'globex' }, source: 'CONFIG' });
    expect(directory.mappingOf('mt:2')).toBeUndefined();
    directory.map('mt:2', 'acme');
    expect(directory.mappingOf('mt:2')).toMatchObject({ tenant: { id: 'acme' }, source: 'MANUAL' });
  });

  it('restores stored mappings over configuration and name matches, unmappings included', () => {
    const directory = new TenantDirectory([tenant('acme'), tenant('globex', { orgs: ['mt:1'] })]);
    directory.applyDiscovered([
      { id: 'mt:2', name: 'acme' },
      { id: 'mt:3', name: 'globex' },
    ]);
    expect(
      directory.restore([
        { orgId: 'mt:1', tenantId: 'acme' },
        { orgId: 'mt:2', tenantId: null },
      ]),
    ).toEqual(['mt:1', 'mt:2']);
    expect(directory.mappingOf('mt:1')).toMatchObject({ tenant: { id: 'acme' }, source: 'MANUAL' });
    expect(directory.mappingOf('mt:2')).toBeUndefined();
    expect(directory.sourceOf('mt:2')).toBe('MANUAL');
    expect(directory.mappingOf('mt:3')).toMatchObject({ tenant: { id: 'globex' }, source: 'NAME_MATCH' });
    expect(directory.orgIdsOf('acme')).toEqual(['mt:1']);
    // Name matching leaves a restored unmapping alone.
    directory.applyDiscovered([{ id: 'mt:2', name: 'acme' }]);
    expect(directory.mappingOf('mt:2')).toBeUndefined();
  });

  it('gives a stored mapping to a tenant no longer configured to nobody', () => {
    const directory = new TenantDirectory([tenant('acme')]);
    directory.applyDiscovered([{ id: 'mt:1', name: 'acme' }]);
    directory.restore([{ orgId: 'mt:1', tenantId: 'gone' }]);
    expect(directory.mappingOf('mt:1')).toBeUndefined();
    expect(directory.orgIdsOf('acme')).toEqual([]);
  });

  it('grows its version when a restore changes something, and only then', () => {
    const directory = new TenantDirectory([tenant('acme'), tenant('globex')]);
    const before = directory.version;
    directory.restore([{ orgId: 'mt:1', tenantId: 'acme' }]);
    const after = directory.version;
    expect(after).toBeGreaterThan(before);
    expect(directory.restore([{ orgId: 'mt:1', tenantId: 'acme' }])).toEqual([]);
    expect(directory.version).toBe(after);
    directory.restore([{ orgId: 'mt:1', tenantId: 'globex' }]);
    expect(directory.version).toBeGreaterThan(after);
  });

  it('reloads what another gateway stored, but keeps a mapping made here while the read ran', async () => {
    const directory = new TenantDirectory([tenant('acme'), tenant('globex')]);
    directory.map('mt:1', 'acme');
    const version = directory.version;
    expect(
      await directory.reload(async () => [
        { orgId: 'mt:1', tenantId: 'globex' },
        { orgId: 'mt:2', tenantId: 'acme' },
      ]),
    ).toEqual(['mt:1', 'mt:2']);
    expect(directory.mappingOf('mt:1')?.tenant.id).toBe('globex');
    expect(directory.version).toBeGreaterThan(version);

    // The read began before this map (stored, then applied), so its answer is older for mt:1.
    const stale = [
      { orgId: 'mt:1', tenantId: 'globex' },
      { orgId: 'mt:2', tenantId: null },
    ];
    const changed = await directory.reload(async () => {
      directory.map('mt:1', 'acme');
      return stale;
    });
    expect(changed).toEqual(['mt:2']);
    expect(directory.mappingOf('mt:1')?.tenant.id).toBe('acme');
    expect(directory.mappingOf('mt:2')).toBeUndefined();
    // The next reload takes the store's word, whatever it holds by then (here: another gateway's later write).
    await directory.reload(async () => stale);
    expect(directory.mappingOf('mt:1')?.tenant.id).toBe('globex');
  });

  it('does not match by name when auto-matching is off', () => {
    const directory = new TenantDirectory([tenant('acme')], false);
    expect(directory.applyDiscovered([{ id: 'mt:1', name: 'acme' }])).toEqual({ matched: [], unmapped: ['mt:1'] });
  });
});
