/**
 * How many `kill -9`s the crash tests make: 6 in `npm test`, to keep it fast; ASTROVOC_TEST_KILLS=20 (or more)
 * for the long run whose figures the notes report.
 */
export const KILL_ROUNDS = Number(process.env.ASTROVOC_TEST_KILLS ?? 6);
