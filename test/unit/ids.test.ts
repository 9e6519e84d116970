import { parseGlobalId, toGlobalId } from '../../schema/ids';

describe('global ids', () => {
  it('splits at the first colon, so native ids may contain colons', () => {
    expect(parseGlobalId('vcd-nl:urn:vcloud:vm:1234')).toEqual({ cloudId: 'vcd-nl', nativeId: 'urn:vcloud:vm:1234' });
  });

  it('reads an id without a colon as naming a cloud', () => {
    expect(parseGlobalId('dc-east')).toEqual({ cloudId: 'dc-east', nativeId: '' });
  });

  it.each(['', ':vm-1', 'DC-East:vm-1', 'dc_east:vm-1', 'dc-east:', '-dc:vm-1', 'dc east:vm-1'])('rejects the malformed id %j', (id) => {
    expect(parseGlobalId(id)).toBeUndefined();
  });

  it('round-trips through toGlobalId', () => {
    const id = toGlobalId('nova-eu', '0b1c:ff');
    expect(parseGlobalId(id)).toEqual({ cloudId: 'nova-eu', nativeId: '0b1c:ff' });
  });
});
