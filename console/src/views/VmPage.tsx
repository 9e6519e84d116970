/** Placeholder until the view is written. */
import { Page } from '../components/Page';

export function VmPage({ id }: { id: string }) {
  return <Page title={id}>{null}</Page>;
}
