/**
 * Composes the kinds' SDLs into schema/supergraph.graphql with @apollo/composition.
 * `npm run compose` writes it; a test fails when the checked-in file is stale.
 */
import { writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_KINDS, SUPERGRAPH_PATH, kindUrl, readSdl } from './kinds';

export function composeSupergraph(): string {
  const result = composeServices(SUBGRAPH_KINDS.map((kind) => ({ name: kind, url: kindUrl(kind), typeDefs: parse(readSdl(kind)) })));
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (require.main === module) {
  writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
  console.log(`wrote ${SUPERGRAPH_PATH}`);
}
