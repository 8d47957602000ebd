import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { RdsCluster } from "@cdktf/provider-aws/lib/rds-cluster";
import { Testing } from "cdktf";
import { Ec2WebTier, type Ec2WebTierProps } from "../../../src/modules/web/web-tier";
import { Namer } from "../../../src/naming";

const GRANTED = { sid: "GrantedByAResource", actions: ["rds-db:connect"], resources: ["arn:aws:rds-db:db/user"] };

const PROPS: Ec2WebTierProps = {
  namer: new Namer("titan", "primary"),
  region: "us-east-2",
  amiId: "ami-0df92fab4fc936ce1",
  instanceType: "t3.micro",
  desiredCapacity: 3,
  privateSubnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  securityGroupId: "sg-app",
  targetGroupArn: "arn:aws:elasticloadbalancing:us-east-2:111122223333:targetgroup/titan-primary-web-instances/1",
  kmsKeyArn: "arn:aws:kms:us-east-2:111122223333:key/primary",
  appPort: 5000,
  dbHost: "db.titan.internal",
  dbName: "birthday",
  dbUser: "birthday_app",
  cacheHost: "cache.titan.internal",
  cacheUserId: "titan-primary-redis-app",
  cacheReplicationGroupId: "titan-primary-redis",
  logGroupName: "/titan/primary/web",
};

type Resources = Record<string, Record<string, unknown>>;

interface Synthesized {
  readonly resource: Record<string, Resources>;
  readonly data: Record<string, Resources>;
}

interface PolicyStatement {
  readonly sid?: string;
  readonly actions: string[];
  readonly resources: string[];
  readonly condition?: { test: string; variable: string; values: string[] }[];
}

/** The tier, with one grant the way a resource's grant method adds it. */
function synth(props: Partial<Ec2WebTierProps> = {}): string {
  return Testing.synthScope((scope) => {
    new Ec2WebTier(scope, "WebTier", { ...PROPS, ...props }).addToPolicy(GRANTED);
  });
}

function only(json: string, type: string): Record<string, unknown> {
  const found = Object.values((JSON.parse(json) as Synthesized).resource[type] ?? {});
  expect(found).toHaveLength(1);
  return found[0];
}

function decodedUserData(json: string): string {
  const template = only(json, "aws_launch_template") as { user_data: string };
  return Buffer.from(template.user_data, "base64").toString("utf8");
}

function runtimeStatements(json: string): PolicyStatement[] {
  const documents = Object.values((JSON.parse(json) as Synthesized).data.aws_iam_policy_document) as {
    statement: PolicyStatement[];
  }[];
  return documents.flatMap((document) => document.statement).filter((statement) => statement.sid !== undefined);
}

describe("Ec2WebTier", () => {
  test.each([
    ["primary", "us-east-2", "ami-0df92fab4fc936ce1"],
    ["dr", "us-west-1", "ami-0cf0917c6fa17e621"],
  ] as const)("launches the %s region's seed AMI (%s) as t3.micro", (scope, region, amiId) => {
    const json = synth({ namer: new Namer("titan", scope), region, amiId });
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      name: `titan-${scope}-web`,
      image_id: amiId,
      instance_type: "t3.micro",
      monitoring: { enabled: true },
      update_default_version: true,
    });
  });

  it("requires IMDSv2 tokens with a single hop", () => {
    expect(synth()).toHaveResourceWithProperties(LaunchTemplate, {
      metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    });
  });

  it("encrypts the gp3 root volume with the region's customer key", () => {
    expect(synth()).toHaveResourceWithProperties(LaunchTemplate, {
      block_device_mappings: [
        {
          device_name: "/dev/sda1",
          ebs: {
            volume_type: "gp3",
            volume_size: 20,
            encrypted: "true",
            kms_key_id: "arn:aws:kms:us-east-2:111122223333:key/primary",
            delete_on_termination: "true",
          },
        },
      ],
    });
  });

  it("gives instances no public IP, only the app security group", () => {
    expect(synth()).toHaveResourceWithProperties(LaunchTemplate, {
      network_interfaces: [
        {
          device_index: 0,
          associate_public_ip_address: "false",
          delete_on_termination: "true",
          security_groups: ["sg-app"],
        },
      ],
    });
  });

  it("lets instances use Session Manager and the CloudWatch agent through an instance profile", () => {
    const json = synth();
    for (const policy of ["AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"]) {
      expect(json).toHaveResourceWithProperties(IamRolePolicyAttachment, {
        policy_arn: `arn:aws:iam::aws:policy/${policy}`,
      });
    }
    expect(json).toHaveResourceWithProperties(IamInstanceProfile, { name: "titan-primary-web-instance" });
    expect(json).toHaveResourceWithProperties(LaunchTemplate, {
      iam_instance_profile: { arn: expect.stringMatching(/^\$\{aws_iam_instance_profile\.\w+\.arn\}$/) },
    });
  });

  it("lets the app send traces, takes what resources grant it into the same policy, and holds no secret", () => {
    expect(runtimeStatements(synth())).toEqual([
      {
        sid: "SendTracesAndSample",
        actions: [
          "xray:PutTraceSegments",
          "xray:PutTelemetryRecords",
          "xray:GetSamplingRules",
          "xray:GetSamplingTargets",
          "xray:GetSamplingStatisticSummaries",
        ],
        resources: ["*"],
      },
      GRANTED,
    ]);
  });

  it("boots with the DB and cache host names and the app's IAM-authenticated DB user, and no password", () => {
    const script = decodedUserData(synth());
    expect(script.startsWith("#!/bin/bash\n")).toBe(true);
    for (const line of [
      "AWS_REGION=us-east-2",
      "APP_PORT=5000",
      // The database contract (AppDatabaseConnection): resolve the CNAME, sign for its target.
      "DB_HOST=db.titan.internal",
      "DB_HOST_IS_CNAME=true",
      "DB_PORT=5432",
      "DB_NAME=birthday",
      "DB_USER=birthday_app",
      "DB_IAM_AUTH=true",
      "DB_SSLMODE=verify-full",
      "REDIS_HOST=cache.titan.internal",
      "REDIS_PORT=6379",
      "REDIS_USER=titan-primary-redis-app",
      "REDIS_REPLICATION_GROUP_ID=titan-primary-redis",
      "EnvironmentFile=/etc/birthday-app/app.env",
      "systemctl enable --now birthday-app.service",
    ]) {
      expect(script.split("\n")).toContain(line);
    }
    expect(script).toContain('"log_group_name": "/titan/primary/web"');
    expect(script).not.toMatch(/password|PASSWORD|SECRET/);
  });

  it("leaves encoding to Terraform when a value is a reference, keeping the reference in the script", () => {
    const json = Testing.synthScope((scope) => {
      const cluster = new RdsCluster(scope, "Cluster", { engine: "aurora-postgresql" });
      new Ec2WebTier(scope, "WebTier", { ...PROPS, dbHost: cluster.endpoint });
    });
    const userData = (only(json, "aws_launch_template") as { user_data: string }).user_data;
    expect(userData).toMatch(/^\$\{base64encode\(join\("", \[".*"\]\)\)\}$/s);
    expect(userData).toMatch(/DB_HOST=", aws_rds_cluster\.\w+\.endpoint, "\\nDB_HOST_IS_CNAME=/);
  });

  it("runs the desired capacity in the private subnets, health-checked by the load balancer", () => {
    expect(synth()).toHaveResourceWithProperties(AutoscalingGroup, {
      name: "titan-primary-web",
      min_size: 3,
      desired_capacity: 3,
      max_size: 6,
      vpc_zone_identifier: ["subnet-a", "subnet-b", "subnet-c"],
      target_group_arns: [PROPS.targetGroupArn],
      health_check_type: "ELB",
      health_check_grace_period: 300,
      launch_template: {
        id: expect.stringMatching(/^\$\{aws_launch_template\.\w+\.id\}$/),
        version: expect.stringMatching(/^\$\{aws_launch_template\.\w+\.latest_version\}$/),
      },
      tag: [{ key: "Name", value: "titan-primary-web", propagate_at_launch: true }],
    });
  });

  it("refreshes instances on a new launch template without dropping below desired capacity", () => {
    const group = only(synth(), "aws_autoscaling_group");
    expect(group.instance_refresh).toEqual({
      strategy: "Rolling",
      preferences: {
        min_healthy_percentage: 100,
        max_healthy_percentage: 150,
        auto_rollback: false,
        skip_matching: true,
      },
    });
    expect(group).not.toHaveProperty("lifecycle");
  });

  test.each([
    [{ desiredCapacity: 0 }, /desiredCapacity: must be a whole number from 1 to 20.*got 0/],
    [{ desiredCapacity: 1.5 }, /desiredCapacity: must be a whole number from 1 to 20.*got 1\.5/],
    [{ privateSubnetIds: [] }, /privateSubnetIds: must list the region's private subnets, one per AZ.*got none/],
    [{ amiId: "ubuntu-22.04" }, /amiId: must be an AMI id: ami- and 8 or 17 hex digits.*got "ubuntu-22\.04"/],
    [{ appPort: 70000 }, /appPort: must be a whole number from 1 to 65535.*got 70000/],
    [
      { rootVolumeSizeGib: 4 },
      /rootVolumeSizeGib: must be a whole number from 8 to 16384 \(the AMI's snapshot is 8 GiB\).*got 4/,
    ],
    [
      { healthCheckGracePeriodSeconds: -1 },
      /healthCheckGracePeriodSeconds: must be a whole number from 0 to 7200.*got -1/,
    ],
  ])("rejects %p", (props, message) => {
    expect(() => synth(props)).toThrow(message);
  });
});
