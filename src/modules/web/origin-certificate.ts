import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";

/** ACM's limit on the certificate's first name (its subject common name). */
const MAX_COMMON_NAME_LENGTH = 64;
/** ACM's default quota of names on one certificate, the domain name included. */
const MAX_NAMES = 10;
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface OriginCertificateProps {
  readonly namer: Namer;
  /** The existing public hosted zone the validation records go into. */
  readonly hostedZoneId: string;
  /** The name CloudFront sends as the origin's host, the same in both regions, e.g. `origin.api.example.com`. */
  readonly domainName: string;
  /**
   * Further names, e.g. the region's own `primary.origin.api.example.com` that Route 53 health checks call.
   * @default - none: the certificate covers `domainName` only
   */
  readonly subjectAlternativeNames?: readonly string[];
}

/**
 * The regional ACM certificate the load balancer's HTTPS listener presents, validated through DNS
 * in the public hosted zone.
 *
 * WHY regional: a load balancer can only use a certificate from its own region, so primary and DR
 * each issue one for the same failover name. Validation records are selected from the
 * certificate's `domain_validation_options` by domain name (the set has no order to index by), and
 * each record's construct id is the name it validates: a record is that name's, so a new name is a
 * new record, and reordering the names moves nothing. The certificate is created before the old one
 * is destroyed, because the listener holds on to the old one until it is switched over.
 */
export class OriginCertificate extends Construct {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  /** The certificate's ARN once ACM has issued it: listeners referencing it wait for validation. */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: OriginCertificateProps) {
    super(scope, id);
    const subjectAlternativeNames = props.subjectAlternativeNames ?? [];
    const names = [props.domainName, ...subjectAlternativeNames];
    for (const name of names) {
      if (!DOMAIN_NAME.test(name)) {
        throw new Error(
          `OriginCertificate: "${name}" is not a fully qualified lowercase domain name; give names like origin.api.example.com (no wildcard, no trailing dot)`,
        );
      }
    }
    if (props.domainName.length > MAX_COMMON_NAME_LENGTH) {
      throw new Error(
        `OriginCertificate: domainName "${props.domainName}" is ${props.domainName.length} characters; ACM accepts at most ${MAX_COMMON_NAME_LENGTH} for the first name, so use a shorter name and put long ones in subjectAlternativeNames`,
      );
    }
    if (new Set(names).size !== names.length) {
      throw new Error(
        `OriginCertificate: subjectAlternativeNames repeat a name or the domainName, got ${JSON.stringify(names)}; list each name once`,
      );
    }
    if (names.length > MAX_NAMES) {
      throw new Error(
        `OriginCertificate: ${names.length} names exceed ACM's default quota of ${MAX_NAMES} per certificate; drop some subjectAlternativeNames`,
      );
    }

    this.certificate = new AcmCertificate(this, "Resource", {
      domainName: props.domainName,
      subjectAlternativeNames: subjectAlternativeNames.length > 0 ? [...subjectAlternativeNames] : undefined,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: props.namer.name("origin") },
    });

    const options = this.certificate.domainValidationOptions;
    const optionsByName = Fn.zipmap(Fn.lookupNested(options, ["*", "domain_name"]), options);
    const validation = new Construct(this, "ValidationRecords");
    const records = names.map((name) => {
      const option = (attribute: string) => Fn.lookupNested(optionsByName, [name, attribute]);
      return new Route53Record(validation, name, {
        zoneId: props.hostedZoneId,
        name: option("resource_record_name"),
        type: option("resource_record_type"),
        records: [option("resource_record_value")],
        ttl: 60,
        // Both regions validate the shared failover name, and ACM gives one account the same
        // validation CNAME for the same name in every region: without overwrite the second
        // region's stack fails on a record that already exists. Destroying either region's record
        // removes it for both; the other region's certificate then renews only after its stack is
        // applied again.
        allowOverwrite: true,
      });
    });

    this.validation = new AcmCertificateValidation(this, "Validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: records.map((record) => record.fqdn),
    });
    this.certificateArn = this.validation.certificateArn;
  }
}
