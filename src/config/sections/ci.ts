import { z } from "zod";
import { GIT_BRANCH } from "../../validation/limits";
import { matching } from "./common";

/** The team workflow: GitHub Actions assuming AWS roles through GitHub's OIDC provider. */

export const ciSchema = z.strictObject({
  githubRepository: z
    .string()
    .regex(/^$|^[A-Za-z0-9-]+(@\d+)?\/[A-Za-z0-9._-]+(@\d+)?$/, {
      message:
        'must be empty or owner/repository, with "@<id>" after each for immutable subject claims (octo-org@123/titan@456)',
    })
    .describe(
      "This infrastructure repository, as GitHub names it in OIDC subject claims; empty builds no ci stack (no roles trust any repository)",
    ),
  mainBranch: matching(GIT_BRANCH).describe("The branch whose pushes are planned live and applied"),
  applyEnvironment: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,255}$/, { message: "must be a GitHub environment name" })
    .describe("The GitHub environment (with required reviewers) whose jobs alone may assume the apply role"),
  createOidcProvider: z
    .boolean()
    .describe(
      "Create GitHub's OIDC provider in the account; false when another stack already made it (one per account)",
    ),
});
