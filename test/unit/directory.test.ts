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

  it('does not match by name when auto-matching is off', () => {
    const directory = new TenantDirectory([tenant('acme')], false);
    expect(directory.applyDiscovered([{ id: 'mt:1', name: 'acme' }])).toEqual({ matched: [], unmapped: ['mt:1'] });
  });
});
