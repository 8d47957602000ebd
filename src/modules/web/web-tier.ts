import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { XRAY_CLIENT_ACTIONS } from "../observability/xray-actions";
import { ServiceRole } from "../security/service-role";
import { webUserData } from "./user-data";

const SSM_MANAGED_INSTANCE_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const CLOUDWATCH_AGENT_SERVER = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

export interface Ec2WebTierProps {
  readonly namer: Namer;
  readonly region: string;
  /** Account of the Redis ARNs and of the keys the database secret may be decrypted with. */
  readonly accountId: string;
  /** The region's web AMI (Ubuntu with the app and its systemd unit installed). */
  readonly amiId: string;
  readonly instanceType: string;
  /** Instances kept running; the group may grow to twice this. */
  readonly desiredCapacity: number;
  readonly privateSubnetIds: readonly string[];
  /** The app tier's security group. */
  readonly securityGroupId: string;
  /** The load balancer's `instance` target group. */
  readonly targetGroupArn: string;
  /** The region's customer key, for the root volumes. Its policy needs `autoscalingEbsKeyStatements`. */
  readonly kmsKeyArn: string;
  readonly appPort: number;
  /** The app's systemd unit and settings directory. @default "birthday-app" */
  readonly appName?: string;
  /** Generic database name the app connects to, e.g. `db.titan.internal`. */
  readonly dbHost: string;
  /** @default 5432 */
  readonly dbPort?: number;
  /** Database the app uses. */
  readonly dbName: string;
  /** The app's own PostgreSQL role; it logs in with IAM tokens the instance role signs. */
  readonly dbUser: string;
  /** `rds-db:connect` ARN of `dbUser` on this region's cluster (`dbUserConnectArn`). */
  readonly dbConnectArn: string;
  readonly cacheHost: string;
  /** @default 6379 */
  readonly cachePort?: number;
  /** Redis user the app authenticates as with IAM (`RedisAccessControl.appUserId`). */
  readonly cacheUserId: string;
  /** Replication group id, which Redis IAM tokens are signed for. */
  readonly cacheReplicationGroupId: string;
  /** Log group the CloudWatch agent ships syslog and cloud-init output to. */
  readonly logGroupName: string;
  /** @default "/dev/sda1" - the root device of Ubuntu AMIs, as the seed's are */
  readonly rootDeviceName?: string;
  /** @default 20 */
  readonly rootVolumeSizeGib?: number;
  /** Seconds after launch before failed health checks replace an instance. @default 300 */
  readonly healthCheckGracePeriodSeconds?: number;
}

/**
 * The EC2 web tier of seed 000: the Flask app on an Auto Scaling group in the private subnets,
 * behind the load balancer's instance target group.
 *
 * WHY these defaults: instances have no public IP and no SSH key (Session Manager instead), require
 * IMDSv2 with one hop so a container or proxy on the host cannot borrow the role, and encrypt their
 * root volumes with the region's key. Health comes from the load balancer, so an instance whose app
 * stops answering is replaced, not only one whose hardware fails. Capacity is exactly
 * `desiredCapacity` and is not ignored on apply: in DR, scaling up for a failover is a config change
 * that is applied and reviewed, and a manual change would otherwise linger unseen. Max is twice the
 * desired count so an operator can scale out by hand during an incident and a refresh can launch
 * replacements before terminating.
 */
export class Ec2WebTier extends Construct {
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly launchTemplate: LaunchTemplate;
  readonly autoScalingGroup: AutoscalingGroup;

  constructor(scope: Construct, id: string, props: Ec2WebTierProps) {
    super(scope, id);
    const appName = props.appName ?? "birthday-app";
    const dbPort = props.dbPort ?? 5432;
    const cachePort = props.cachePort ?? 6379;
    const rootDeviceName = props.rootDeviceName ?? "/dev/sda1";
    const rootVolumeSizeGib = props.rootVolumeSizeGib ?? 20;
    const gracePeriodSeconds = props.healthCheckGracePeriodSeconds ?? 300;
    validate(props, { appPort: props.appPort, dbPort, cachePort, rootVolumeSizeGib, gracePeriodSeconds });
    const { namer, region, accountId } = props;
    const name = namer.name("web");

    this.role = new ServiceRole(this, "Role", {
      roleName: namer.name("web-instance", "iamRole"),
      description: "Birthday app web instances: Session Manager, CloudWatch agent, Aurora and Redis IAM auth",
      servicePrincipal: "ec2.amazonaws.com",
      managedPolicyArns: [SSM_MANAGED_INSTANCE_CORE, CLOUDWATCH_AGENT_SERVER],
    }).role;
    const runtimeAccess = new DataAwsIamPolicyDocument(this, "RuntimePolicyDocument", {
      statement: [
        { sid: "ConnectToAuroraAsAppUser", actions: ["rds-db:connect"], resources: [props.dbConnectArn] },
        {
          sid: "ConnectToRedisWithIam",
          actions: ["elasticache:Connect"],
          resources: [
            `arn:aws:elasticache:${region}:${accountId}:replicationgroup:${props.cacheReplicationGroupId}`,
            `arn:aws:elasticache:${region}:${accountId}:user:${props.cacheUserId}`,
          ],
        },
        { sid: "SendTracesAndSample", actions: XRAY_CLIENT_ACTIONS, resources: ["*"] },
      ],
    });
    new IamRolePolicy(this, "RuntimePolicy", { name: "app-runtime", role: this.role.id, policy: runtimeAccess.json });
    this.instanceProfile = new IamInstanceProfile(this, "InstanceProfile", {
      name: namer.name("web-instance", "iamRole"),
      role: this.role.name,
    });

    this.launchTemplate = new LaunchTemplate(this, "LaunchTemplate", {
      name,
      description: "Birthday app web instances",
      imageId: props.amiId,
      instanceType: props.instanceType,
      iamInstanceProfile: { arn: this.instanceProfile.arn },
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
      networkInterfaces: [
        {
          deviceIndex: 0,
          associatePublicIpAddress: "false",
          deleteOnTermination: "true",
          securityGroups: [props.securityGroupId],
        },
      ],
      blockDeviceMappings: [
        {
          deviceName: rootDeviceName,
          ebs: {
            volumeType: "gp3",
            volumeSize: rootVolumeSizeGib,
            encrypted: "true",
            kmsKeyId: props.kmsKeyArn,
            deleteOnTermination: "true",
          },
        },
      ],
      monitoring: { enabled: true },
      userData: webUserData({
        appName,
        region,
        appPort: props.appPort,
        dbHost: props.dbHost,
        dbPort,
        dbName: props.dbName,
        dbUser: props.dbUser,
        cacheHost: props.cacheHost,
        cachePort,
        cacheUserId: props.cacheUserId,
        cacheReplicationGroupId: props.cacheReplicationGroupId,
        logGroupName: props.logGroupName,
      }),
      updateDefaultVersion: true,
      tagSpecifications: [{ resourceType: "volume", tags: { Name: name } }],
      tags: { Name: name },
    });

    this.autoScalingGroup = new AutoscalingGroup(this, "Resource", {
      name,
      minSize: props.desiredCapacity,
      desiredCapacity: props.desiredCapacity,
      maxSize: props.desiredCapacity * 2,
      vpcZoneIdentifier: [...props.privateSubnetIds],
      // A new template version is a new `latest_version`, which starts the instance refresh below.
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      targetGroupArns: [props.targetGroupArn],
      healthCheckType: "ELB",
      healthCheckGracePeriod: gracePeriodSeconds,
      defaultInstanceWarmup: 60,
      // Never below desired capacity: replacements launch and pass health checks before old
      // instances go, up to half the group at a time. No auto rollback: the provider moves the
      // group to the new template version before the refresh starts, so a "rollback" returns to
      // the same version and loops (terraform-provider-aws #34189); a failed refresh stops instead.
      instanceRefresh: {
        strategy: "Rolling",
        preferences: { minHealthyPercentage: 100, maxHealthyPercentage: 150, autoRollback: false, skipMatching: true },
      },
      enabledMetrics: [
        "GroupDesiredCapacity",
        "GroupInServiceInstances",
        "GroupPendingInstances",
        "GroupTerminatingInstances",
        "GroupTotalInstances",
      ],
      metricsGranularity: "1Minute",
      tag: [{ key: "Name", value: name, propagateAtLaunch: true }],
    });
  }
}

interface ResolvedNumbers {
  readonly appPort: number;
  readonly dbPort: number;
  readonly cachePort: number;
  readonly rootVolumeSizeGib: number;
  readonly gracePeriodSeconds: number;
}

function validate(props: Ec2WebTierProps, numbers: ResolvedNumbers): void {
  const fail = (message: string) => {
    throw new Error(`Ec2WebTier: ${message}`);
  };
  if (!Number.isInteger(props.desiredCapacity) || props.desiredCapacity < 1) {
    fail(`desiredCapacity must be a whole number of 1 or more, got ${props.desiredCapacity}; the seed runs 3`);
  }
  if (props.privateSubnetIds.length === 0) {
    fail("privateSubnetIds is empty; give the region's private subnets, one per AZ");
  }
  if (!Token.isUnresolved(props.amiId) && !/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(props.amiId)) {
    fail(`amiId must look like ami-0123456789abcdef0, got "${props.amiId}"`);
  }
  for (const [prop, port] of Object.entries({
    appPort: numbers.appPort,
    dbPort: numbers.dbPort,
    cachePort: numbers.cachePort,
  })) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      fail(`${prop} must be a TCP port from 1 to 65535, got ${port}`);
    }
  }
  if (!Number.isInteger(numbers.rootVolumeSizeGib) || numbers.rootVolumeSizeGib < 8) {
    fail(
      `rootVolumeSizeGib must be a whole number of 8 or more (the AMI's snapshot size), got ${numbers.rootVolumeSizeGib}`,
    );
  }
  if (!Number.isInteger(numbers.gracePeriodSeconds) || numbers.gracePeriodSeconds < 0) {
    fail(`healthCheckGracePeriodSeconds must be a whole number of 0 or more, got ${numbers.gracePeriodSeconds}`);
  }
}
