/**
 * Where a process's CPU time goes: summarise a V8 `.cpuprofile` (written by
 * `node --cpu-prof`) by self time per package (or project directory) and per function.
 *   npx tsx bench/lib/profile.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `@apollo/gateway`, `graphql`, `(project) gateway/routing`, `(node) …`, `(gc)`, … */
export function bucketOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return `(node) ${url.slice(5).split('/')[0]}`;
  const project = /\/(bench|gateway|schema|subgraphs|mocks)\/(?:([^/]+)\/)?/.exec(url);
  return project ? `(project) ${project[1]}${project[2] && !project[2].includes('.') ? `/${project[2]}` : ''}` : url;
}

export function summarize(file: string, top = 25): { byBucket: Array<[string, number]>; byFunction: Array<[string, number]> } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  const buckets = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { callFrame } = nodes.get(id)!;
    if (callFrame.functionName === '(idle)' || callFrame.functionName === '(program)') continue;
    total += us;
    const bucket = bucketOf(callFrame.url, callFrame.functionName);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(gateway|bench|schema)\//, '$1/')}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const pct = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => [k, (100 * us) / total] as [string, number]);
  return { byBucket: pct(buckets), byFunction: pct(functions) };
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/lib/profile.ts <file.cpuprofile> [top]');
  const { byBucket, byFunction } = summarize(file, Number(top ?? 25));
  console.log('self time by package (% of busy time: idle and (program) left out)');
  for (const [k, p] of byBucket) console.log(`${p.toFixed(1).padStart(6)}%  ${k}`);
  console.log('\nself time by function');
  for (const [k, p] of byFunction) console.log(`${p.toFixed(1).padStart(6)}%  ${k}`);
}
