/** A failure the user can act on: printed as one line, no stack, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1 = the command failed, 2 = it was called wrongly. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
