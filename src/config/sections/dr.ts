import { z } from "zod";
import { drBudgetFields } from "./dr-budget";

/** Disaster recovery: which region is live, and what that changes. */

export const drSchema = z.strictObject({
  activeRole: z
    .enum(["primary", "dr"])
    .describe(
      'The region holding the Aurora writer and taking full traffic: "primary" normally, "dr" after a failover. ' +
        "Flipping it is the failover's capacity step: the active region gets kubernetes.nodes.active and " +
        "web.instances.active, the other its standby sizes, and each region's generic DB name follows",
    ),
  ...drBudgetFields,
});
