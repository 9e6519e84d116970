// @apollo/gateway reports telemetry and probes cloud metadata endpoints unless told not to.
process.env.APOLLO_TELEMETRY_DISABLED = 'true';
// Every test gateway opens its own store: a data directory from the shell would be one lock for all of them.
delete process.env.OVERCAST_DATA_DIR;
// Metering reads weeks of history from every cloud: a suite's gateways meter only when it asks (meterUsage).
process.env.BILLING_METER = 'off';
