/**
 * Rules for what the `*-k8s` stacks install, written once for config validation and the k8s
 * constructs; free of provider imports so the config can load it cheaply.
 */
import { intRange, textPattern } from "../../validation/limits";

/** A cluster-autoscaler release tag: its image is published per Kubernetes minor. */
export const CLUSTER_AUTOSCALER_IMAGE_TAG = textPattern(
  /^v1\.\d{2}\.\d+$/,
  "a cluster-autoscaler release tag such as v1.35.0",
);

/** The autoscaler's tag when none is configured: the cluster's minor, first patch. */
export function defaultAutoscalerImageTag(kubernetesVersion: string): string {
  return `v${kubernetesVersion}.0`;
}

/**
 * Why `imageTag` cannot run beside `kubernetesVersion`, or undefined when it can: the autoscaler
 * simulates the scheduler of its own Kubernetes minor, so the minors must match.
 */
export function autoscalerImageTagProblem(kubernetesVersion: string, imageTag: string): string | undefined {
  // A tag of the wrong shape is CLUSTER_AUTOSCALER_IMAGE_TAG's problem, reported once.
  return !CLUSTER_AUTOSCALER_IMAGE_TAG.regex.test(imageTag) || imageTag.startsWith(`v${kubernetesVersion}.`)
    ? undefined
    : `"${imageTag}" does not match kubernetes.version ${kubernetesVersion}; use v${kubernetesVersion}.<patch>`;
}

/** An exact chart version: never a range, so a plan never changes what it installs on its own. */
export const CHART_VERSION = textPattern(/^\d+\.\d+\.\d+$/, "an exact chart version such as 1.2.3, never a range");

/** Seconds Helm may wait for a release to become ready before it rolls back. */
export const RELEASE_TIMEOUT_SECONDS = intRange(60, 3600);

/** A Kubernetes object name that must be a DNS label: namespaces, service accounts. */
export const KUBERNETES_DNS_LABEL = textPattern(
  /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
  "a Kubernetes DNS label: up to 63 lowercase letters, digits and hyphens",
);

/** Replicas of a platform release (the charts' values schemas take no more). */
export const PLATFORM_REPLICAS = intRange(1, 10);
