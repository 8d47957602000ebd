import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { intRange, TCP_PORT } from "../../validation/limits";
import { PropChecks } from "../../validation/prop-checks";
import { XRAY_CLIENT_ACTIONS } from "../observability/xray-actions";
import { type Grantable, InlinePolicy, type PolicyStatement } from "../security/grants";
import { ServiceRole } from "../security/service-role";
import { AMI_ID, WEB_INSTANCES, WEB_ROOT_VOLUME_GIB } from "./limits";
import { webUserData } from "./user-data";

const SSM_MANAGED_INSTANCE_CORE = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore";
const CLOUDWATCH_AGENT_SERVER = "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy";

export interface Ec2WebTierProps {
  readonly namer: Namer;
  readonly region: string;
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
  /**
   * The app's own PostgreSQL role; it logs in with IAM tokens the instance role signs, once the
   * cluster grants it (`AuroraCluster.grantConnect(webTier, dbUser)`).
   */
  readonly dbUser: string;
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
export class Ec2WebTier extends Construct implements Grantable {
  readonly role: IamRole;
  readonly instanceProfile: IamInstanceProfile;
  readonly launchTemplate: LaunchTemplate;
  readonly autoScalingGroup: AutoscalingGroup;
  private readonly runtimePolicy: InlinePolicy;

  constructor(scope: Construct, id: string, props: Ec2WebTierProps) {
    super(scope, id);
    const appName = props.appName ?? "birthday-app";
    const dbPort = props.dbPort ?? 5432;
    const cachePort = props.cachePort ?? 6379;
    const rootDeviceName = props.rootDeviceName ?? "/dev/sda1";
    const rootVolumeSizeGib = props.rootVolumeSizeGib ?? 20;
    const gracePeriodSeconds = props.healthCheckGracePeriodSeconds ?? 300;
    validate(this, props, { appPort: props.appPort, dbPort, cachePort, rootVolumeSizeGib, gracePeriodSeconds });
    const { namer, region } = props;
    const name = namer.name("web");

    this.role = new ServiceRole(this, "Role", {
      roleName: namer.name("web-instance", "iamRole"),
      description: "Birthday app web instances: Session Manager, CloudWatch agent, Aurora and Redis IAM auth",
      servicePrincipal: "ec2.amazonaws.com",
      managedPolicyArns: [SSM_MANAGED_INSTANCE_CORE, CLOUDWATCH_AGENT_SERVER],
    }).role;
    // What the app on the instances calls; the database and the cache add theirs (grantConnect).
    this.runtimePolicy = new InlinePolicy({
      scope: this,
      documentId: "RuntimePolicyDocument",
      policyId: "RuntimePolicy",
      policyName: "app-runtime",
      roleId: this.role.id,
    });
    this.runtimePolicy.addToPolicy({ sid: "SendTracesAndSample", actions: XRAY_CLIENT_ACTIONS, resources: ["*"] });
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

  /** Adds a statement to the instances' runtime policy: what resources' grants call. */
  addToPolicy(statement: PolicyStatement): void {
    this.runtimePolicy.addToPolicy(statement);
  }
}

interface ResolvedNumbers {
  readonly appPort: number;
  readonly dbPort: number;
  readonly cachePort: number;
  readonly rootVolumeSizeGib: number;
  readonly gracePeriodSeconds: number;
}

function validate(scope: Construct, props: Ec2WebTierProps, numbers: ResolvedNumbers): void {
  new PropChecks(scope)
    .wholeNumber("desiredCapacity", props.desiredCapacity, WEB_INSTANCES)
    .notEmpty("privateSubnetIds", props.privateSubnetIds, "the region's private subnets, one per AZ")
    .matches("amiId", props.amiId, AMI_ID)
    .wholeNumber("appPort", numbers.appPort, TCP_PORT)
    .wholeNumber("dbPort", numbers.dbPort, TCP_PORT)
    .wholeNumber("cachePort", numbers.cachePort, TCP_PORT)
    .wholeNumber("rootVolumeSizeGib", numbers.rootVolumeSizeGib, WEB_ROOT_VOLUME_GIB)
    .wholeNumber("healthCheckGracePeriodSeconds", numbers.gracePeriodSeconds, intRange(0, 7200))
    .throwIfAny();
}
