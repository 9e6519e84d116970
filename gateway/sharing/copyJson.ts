/**
 * A deep copy of a JSON value (plain objects and arrays, no cycles): what the sharing
 * hands each caller that must not see another's changes. rfdc, without prototype or
 * cycle handling, which a parsed GraphQL answer never needs.
 */
import rfdc from 'rfdc';

export const copyJson: <T>(value: T) => T = rfdc({ proto: false, circles: false });
