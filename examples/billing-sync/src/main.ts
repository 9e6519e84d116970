/**
 * `billing-sync --gateway <url> --token <jwt> --month YYYY-MM --out <file>`: write one
 * closed month's invoices, every tenant's, as a ledger of JSON lines. The gateway and
 * the token may come from OVERCAST_URL and OVERCAST_TOKEN instead (a token in argv is
 * visible to every user of the machine). Exit codes: 0 written, 1 refused or failed
 * (nothing written), 2 usage.
 */
import { parseArgs } from 'node:util';
import { GraphQLRequestError } from './client';
import { SyncRefused, syncMonth } from './sync';

export { syncMonth, SyncRefused, type SyncOptions, type SyncSummary } from './sync';

const USAGE = `usage: billing-sync --month YYYY-MM --out <file> [--gateway <url>] [--token <jwt>]

  --gateway <url>   the gateway's GraphQL endpoint (default $OVERCAST_URL), e.g. http://127.0.0.1:4000/graphql
  --token <jwt>     a billing-role token (default $OVERCAST_TOKEN): npm run -s token -- --role billing
  --month YYYY-MM   a closed month
  --out <file>      the ledger to write: one JSON object a line, per invoice line and per invoice total
  -h, --help        this text`;

/** Run the CLI; resolves with the exit code. Output goes to `log` (stdout) and `fail` (stderr). */
export async function main(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  log: (text: string) => void = console.log,
  fail: (text: string) => void = console.error,
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        gateway: { type: 'string' },
        token: { type: 'string' },
        month: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    fail(`billing-sync: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    log(USAGE);
    return 0;
  }
  const url = values.gateway ?? env.OVERCAST_URL;
  const token = values.token ?? env.OVERCAST_TOKEN;
  const missing = [
    !url && '--gateway (or OVERCAST_URL)',
    !token && '--token (or OVERCAST_TOKEN)',
    !values.month && '--month',
    !values.out && '--out',
  ];
  if (!url || !token || !values.month || !values.out) {
    fail(`billing-sync: missing ${missing.filter(Boolean).join(', ')}\n\n${USAGE}`);
    return 2;
  }
  try {
    const summary = await syncMonth({ url, token, month: values.month, out: values.out });
    log(`billing-sync: ${values.month}: ${summary.invoices} invoices, ${summary.lines} lines, total ${summary.total} → ${values.out}`);
    return 0;
  } catch (err) {
    if (err instanceof SyncRefused || err instanceof GraphQLRequestError) fail(`billing-sync: ${err.message}`);
    else {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, a timeout, a TLS refusal) is its cause.
      const cause = (err as { cause?: unknown }).cause;
      fail(`billing-sync: the gateway could not be read: ${(err as Error).message}${cause instanceof Error ? ` (${cause.message})` : ''}`);
    }
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), process.env).then((code) => {
    process.exitCode = code;
  });
}
