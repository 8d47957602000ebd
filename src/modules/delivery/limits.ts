/** What the delivery constructs accept, written once for config validation and the constructs. */
import { intRange, textPattern } from "../../validation/limits";

/** Images ECR keeps per repository (a lifecycle rule's count). */
export const IMAGE_RETENTION_COUNT = intRange(1, 1000);

/** Minutes a CodeBuild build may run (CodeBuild's limits). */
export const BUILD_TIMEOUT_MINUTES = intRange(5, 2160, "CodeBuild's limits");

/** An ECR repository name's last part: lowercase words separated by single ".", "_" or "-". */
export const ECR_REPOSITORY_NAME = textPattern(
  /^(?=.{1,200}$)[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
  'an ECR repository name: lowercase letters and digits separated by single ".", "_" or "-"',
);
