import { z } from "zod";
import { intRange } from "../../validation/limits";
import { wholeNumber } from "./common";

/**
 * The recovery budget's inputs: the objectives synth holds the computed budget to, and the
 * durations AWS does not publish. Every other term of the budget is read from the synthesized
 * stacks or is a figure AWS documents (src/tooling/dr/aws-facts.ts), so these are the only numbers
 * a reader has to take on trust, and a game day replaces each with what it measured.
 */

/** A duration of at most `max` seconds: an hour for what Route 53 does alone, a day for the rest. */
const seconds = (max: number) => wholeNumber(intRange(0, max), "seconds");

const assumptionsSchema = z
  .strictObject({
    operatorResponseSeconds: seconds(86_400).describe(
      "From the primary-origin alarm paging someone to the runbook running: your on-call's commitment, not an AWS figure",
    ),
    route53AnswerSwitchSeconds: seconds(3_600).describe(
      "From a health check turning unhealthy to Route 53 answering the failover name with the secondary: unpublished by AWS",
    ),
    auroraFailoverSeconds: seconds(86_400).describe(
      'FailoverGlobalCluster (AllowDataLoss) until DR\'s cluster takes writes: AWS says only "in the order of minutes"',
    ),
    auroraSwitchoverSeconds: seconds(86_400).describe(
      "SwitchoverGlobalCluster until the target cluster takes writes (writes pause meanwhile): unpublished by AWS",
    ),
    nodeReadySeconds: seconds(86_400).describe(
      "The zones' node groups raised to their active sizes (side by side) until the new EKS nodes are Ready: EC2 launch and bootstrap, unpublished",
    ),
    podReadySeconds: seconds(86_400).describe(
      "A scheduled app pod until it is ready (image pulled from the region's ECR replica, app started): unpublished",
    ),
    instanceReadySeconds: seconds(86_400).describe(
      "An EC2 web-tier instance from launch until its app answers (web.runtime ec2): unpublished",
    ),
    cacheFailoverSeconds: seconds(86_400).describe(
      "FailoverGlobalReplicationGroup until DR's Redis takes writes (cache.globalDatastore only): unpublished",
    ),
  })
  .describe(
    "Durations AWS does not publish, used by the recovery budget until a game day measures them: replace each with your drill's figure",
  );

/** The fields the `dr` section gains for the recovery budget (see src/tooling/dr/). */
export const drBudgetFields = {
  rtoSeconds: wholeNumber(intRange(1, Number.MAX_SAFE_INTEGER), "seconds").describe(
    "Recovery time objective: synth fails when the computed RTO of a failover or switchover (npm run dr:report) exceeds it, naming the terms",
  ),
  rpoSeconds: wholeNumber(intRange(0, Number.MAX_SAFE_INTEGER), "seconds").describe(
    "Recovery point objective for the data the service cannot rebuild (Aurora): synth fails when the computed RPO exceeds it",
  ),
  assumptions: assumptionsSchema,
};
