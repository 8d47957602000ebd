import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";

/**
 * Interface endpoints by construct id. The ids are fixed so adding a service never renames
 * another endpoint's Terraform address.
 */
export const INTERFACE_ENDPOINT_SERVICES = {
  EcrApi: "ecr.api",
  EcrDkr: "ecr.dkr",
  Sts: "sts",
  SecretsManager: "secretsmanager",
  Logs: "logs",
} as const;

export type InterfaceEndpointId = keyof typeof INTERFACE_ENDPOINT_SERVICES;

export interface VpcEndpointsProps {
  readonly namer: Namer;
  readonly vpcId: string;
  /** Only addresses inside the VPC may reach the endpoints. */
  readonly vpcCidr: string;
  /** Region of the VPC: endpoint service names are `com.amazonaws.<region>.<service>`. */
  readonly region: string;
  /** Subnets for the endpoints' network interfaces, one per AZ (the private app subnets). */
  readonly subnetIds: string[];
  /** Route tables that reach S3 through the gateway endpoint (private and data tables). */
  readonly routeTableIds: string[];
}

/**
 * Private paths from the VPC to the AWS APIs that nodes and pods call on every start: ECR (image
 * manifests through `ecr.api` and `ecr.dkr`, layers from S3), STS (IRSA token exchange), Secrets
 * Manager and CloudWatch Logs.
 *
 * WHY: these calls then stay inside AWS's network and keep working if a NAT gateway or its AZ
 * fails, and image pulls stop paying NAT data-processing charges. S3 uses a gateway endpoint,
 * which is free and works through route tables rather than network interfaces. Private DNS makes
 * the services' normal hostnames resolve to the endpoints, so no client needs configuring.
 */
export class VpcEndpoints extends Construct {
  readonly securityGroup: SecurityGroup;
  readonly interfaceEndpoints: Readonly<Record<InterfaceEndpointId, VpcEndpoint>>;
  readonly s3Endpoint: VpcEndpoint;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    new PropChecks(this)
      .notEmpty("subnetIds", props.subnetIds, "the private subnets, one per AZ")
      .notEmpty("routeTableIds", props.routeTableIds, "the private and data route tables, for S3")
      .throwIfAny();
    const { namer } = props;

    this.securityGroup = new SecurityGroup(this, "SecurityGroup", {
      name: namer.name("vpc-endpoints"),
      description: "Interface VPC endpoints: HTTPS from inside the VPC only",
      vpcId: props.vpcId,
      tags: { Name: namer.name("vpc-endpoints") },
    });
    new VpcSecurityGroupIngressRule(this, "HttpsFromVpc", {
      securityGroupId: this.securityGroup.id,
      description: "HTTPS to AWS APIs from resources in the VPC",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });

    const interfaceEndpoint = (endpointId: InterfaceEndpointId) => {
      const service = INTERFACE_ENDPOINT_SERVICES[endpointId];
      return new VpcEndpoint(this, endpointId, {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${props.region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: props.subnetIds,
        securityGroupIds: [this.securityGroup.id],
        tags: { Name: namer.name(`${service.replace(".", "-")}-endpoint`) },
      });
    };
    this.interfaceEndpoints = {
      EcrApi: interfaceEndpoint("EcrApi"),
      EcrDkr: interfaceEndpoint("EcrDkr"),
      Sts: interfaceEndpoint("Sts"),
      SecretsManager: interfaceEndpoint("SecretsManager"),
      Logs: interfaceEndpoint("Logs"),
    };

    this.s3Endpoint = new VpcEndpoint(this, "S3", {
      vpcId: props.vpcId,
      serviceName: `com.amazonaws.${props.region}.s3`,
      vpcEndpointType: "Gateway",
      routeTableIds: props.routeTableIds,
      tags: { Name: namer.name("s3-endpoint") },
    });
  }
}
