import { joinLines } from "../private/cli-io";

/**
 * A problem with the review's input (a missing directory, a file that is not
 * cdktf output, unreadable JSON). The CLI prints its message on one line and
 * exits with `exitCode`, never with a stack trace.
 */
export class ReviewInputError extends Error {
  public readonly exitCode = 1;

  constructor(message: string) {
    super(joinLines(message));
    this.name = "ReviewInputError";
  }
}
