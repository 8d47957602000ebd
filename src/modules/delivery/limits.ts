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

/**
 * The app's name: its ECR repositories, Helm release, Kubernetes labels, log group and X-Ray
 * service all take it, so it keeps to what all of them accept (a DNS label without doubled or
 * trailing hyphens).
 */
export const APP_NAME = textPattern(
  /^(?=.{2,31}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/,
  "2-31 lowercase letters and digits in words joined by single hyphens, starting with a letter",
);
