export type { GatewayContext as ControlContext } from '../context';
