/** A setup mistake the user can fix (a missing spec, Redis down): printed as one line, without a stack trace. */
export class BenchSetupError extends Error {}
