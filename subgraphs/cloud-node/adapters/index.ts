/** The front door to the adapters: one per cloud API, chosen by kind. */
import type { AdapterOptions, CloudAdapter, CloudKind } from './types';
import { createDirectorAdapter } from './director';
import { createNovaAdapter } from './nova';
import { createVsphereAdapter } from './vsphere';

export type { AdapterOptions, CloudAdapter, CloudKind } from './types';

export function createAdapter(kind: CloudKind, options: AdapterOptions): CloudAdapter {
  switch (kind) {
    case 'vsphere':
      return createVsphereAdapter(options);
    case 'director':
      return createDirectorAdapter(options);
    case 'nova':
      return createNovaAdapter(options);
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown cloud kind ${String(unreachable)}`);
    }
  }
}
