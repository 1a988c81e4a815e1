/** Process exit codes (sysexits-style for the internal error). */
export const EXIT = {
  ok: 0,
  errors: 1,
  usage: 2,
  internal: 70,
} as const;
