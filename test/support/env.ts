// @apollo/gateway reports telemetry and probes cloud metadata endpoints unless told not to.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
