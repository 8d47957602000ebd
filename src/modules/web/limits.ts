/** What the web tier accepts, written once for config validation and its constructs. */
import { intRange, textPattern } from "../../validation/limits";

/** Instances of the EC2 web tier in one region (its group may grow to twice this). */
export const WEB_INSTANCES = intRange(1, 20);

export const AMI_ID = textPattern(/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/, "an AMI id: ami- and 8 or 17 hex digits");

/** Root volume of the web tier's instances: no smaller than the AMI's snapshot. */
export const WEB_ROOT_VOLUME_GIB = intRange(8, 16384, "the AMI's snapshot is 8 GiB");
