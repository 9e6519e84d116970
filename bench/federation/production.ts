/**
 * Imported first by each child of gateway-overhead: make a process started with `--import tsx`
 * behave like a compiled deployment. tsx turns on source-mapped stack traces for
 * the whole process; they cost both gateways memory (every loaded package's .js.map
 * is read and kept) and cost the plain gateway CPU on its hot path (its HTTP agent
 * builds an Error stack per request to tell http from https). A production gateway
 * runs compiled JavaScript without --enable-source-maps, so both run without them.
 */
process.setSourceMapsEnabled(false);
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
