/**
 * Default lifetimes and alert thresholds. Kept apart from the X.509 code so the command line can
 * show them in --help without loading it.
 */

/** Ten years: a root that expires is a whole-mesh outage, and replacing roots is slow. */
export const DEFAULT_CA_TTL_MS = 3650 * 86_400_000;

/** One day, as Istio: short enough that a leaked key soon stops working. */
export const DEFAULT_LEAF_TTL_MS = 86_400_000;

/** A quarter of the default leaf lifetime: rotation at half-life has failed at least once. */
export const DEFAULT_THRESHOLD_MS = 6 * 3_600_000;

/** Replacing a root means re-issuing and redeploying everything: warn a month ahead. */
export const DEFAULT_CA_THRESHOLD_MS = 30 * 86_400_000;
