import { ErrorCode } from '../../gateway/errors';
import { oneUnavailablePerCloud } from '../../gateway/routing/unavailableOnce';

const unavailable = (cloudId: string, i: number) => ({
  message: `Cloud "${cloudId}" is unavailable: Cloud API unreachable`,
  path: ['_entities', i],
  extensions: { code: ErrorCode.CLOUD_UNAVAILABLE, cloudId },
});

describe('oneUnavailablePerCloud', () => {
  it('keeps the first CLOUD_UNAVAILABLE of each cloud and every other error', () => {
    const notFound = {
      message: 'VirtualMachine "dc-east:vm-9" not found',
      path: ['_entities', 2],
      extensions: { code: ErrorCode.NOT_FOUND },
    };
    const errors = [unavailable('dc-east', 0), unavailable('dc-east', 1), notFound, unavailable('dc-west', 3), unavailable('dc-east', 4)];
    expect(oneUnavailablePerCloud(errors)).toEqual([errors[0], notFound, errors[3]]);
  });

  it('answers an answer without errors unchanged', () => {
    expect(oneUnavailablePerCloud([])).toEqual([]);
  });
});
