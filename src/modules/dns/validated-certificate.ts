import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { Namer } from "../../naming";
import { PropChecks } from "../../validation/prop-checks";
import { forgetResource } from "./forget-resource";
import { commonNameProblem, DOMAIN_NAME } from "./limits";

/** ACM's limit on the certificate's first name (its subject common name). */
/** ACM's default quota of names on one certificate, the domain name included. */
const MAX_NAMES = 10;

export interface DnsValidatedCertificateProps {
  readonly namer: Namer;
  /** Name component of the certificate's `Name` tag, e.g. `origin` -> `titan-primary-origin`. */
  readonly component: string;
  /** The existing public hosted zone the validation records go into. */
  readonly hostedZoneId: string;
  /** The certificate's first name, e.g. `origin.api.example.com`. */
  readonly domainName: string;
  /**
   * Further names, e.g. the region's own `primary.origin.api.example.com` that Route 53 health checks call.
   * @default - none: the certificate covers `domainName` only
   */
  readonly subjectAlternativeNames?: readonly string[];
  /**
   * Names whose validation record another stack owns. ACM gives one account the same validation
   * CNAME for a name in every region, so a name two regions' certificates share has one record,
   * and exactly one stack may own it: this certificate's validation waits for that record by its
   * name without creating it. A record this construct used to create for such a name is dropped
   * from this stack's state without being deleted (a `removed` block).
   * @default - none: this certificate owns every validation record it needs
   */
  readonly validationRecordsOwnedElsewhere?: readonly string[];
}

/**
 * An ACM certificate validated through DNS in the public hosted zone, with the validation
 * records it owns.
 *
 * Why records are keyed by name: validation records are selected from the certificate's
 * `domain_validation_options` by domain name (the set has no order to index by), and each record's
 * construct id is the name it validates: a record is that name's, so a new name is a new record, and
 * reordering the names moves nothing. The certificate is created before the old one is destroyed,
 * because a listener or distribution holds on to the old one until it is switched over.
 *
 * Why no `allow_overwrite`: a record two stacks both write is deleted by whichever is destroyed
 * first, taking the other's renewal with it. A name shared across regions is owned by one stack
 * and named in `validationRecordsOwnedElsewhere` by the others.
 */
export class DnsValidatedCertificate extends Construct {
  readonly certificate: AcmCertificate;
  readonly validation: AcmCertificateValidation;
  /** The certificate's ARN once ACM has issued it: listeners referencing it wait for validation. */
  readonly certificateArn: string;
  /** The validation records this construct owns, by the name they validate. */
  readonly validationRecords: Readonly<Record<string, Route53Record>>;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const subjectAlternativeNames = props.subjectAlternativeNames ?? [];
    const ownedElsewhere = props.validationRecordsOwnedElsewhere ?? [];
    const names = [props.domainName, ...subjectAlternativeNames];
    validate(this, props, names, ownedElsewhere);

    this.certificate = new AcmCertificate(this, "Resource", {
      domainName: props.domainName,
      subjectAlternativeNames: subjectAlternativeNames.length > 0 ? [...subjectAlternativeNames] : undefined,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
      tags: { Name: props.namer.name(props.component) },
    });

    const options = this.certificate.domainValidationOptions;
    const optionsByName = Fn.zipmap(Fn.lookupNested(options, ["*", "domain_name"]), options);
    const option = (name: string, attribute: string) => Fn.lookupNested(optionsByName, [name, attribute]);
    const recordsScope = new Construct(this, "ValidationRecords");
    const records: Record<string, Route53Record> = {};
    const fqdns = names.map((name) => {
      if (ownedElsewhere.includes(name)) {
        forgetResource(recordsScope, name, Route53Record.tfResourceType);
        // The record's FQDN as the owner's `fqdn` attribute renders it: without the trailing dot.
        return Fn.trimsuffix(option(name, "resource_record_name"), ".");
      }
      records[name] = new Route53Record(recordsScope, name, {
        zoneId: props.hostedZoneId,
        name: option(name, "resource_record_name"),
        type: option(name, "resource_record_type"),
        records: [option(name, "resource_record_value")],
        ttl: 60,
      });
      return records[name].fqdn;
    });
    this.validationRecords = records;

    this.validation = new AcmCertificateValidation(this, "Validation", {
      certificateArn: this.certificate.arn,
      validationRecordFqdns: fqdns,
    });
    this.certificateArn = this.validation.certificateArn;
  }
}

function validate(
  scope: Construct,
  props: DnsValidatedCertificateProps,
  names: readonly string[],
  ownedElsewhere: readonly string[],
): void {
  const checks = new PropChecks(scope)
    .matches("domainName", props.domainName, DOMAIN_NAME)
    .satisfies("domainName", props.domainName, commonNameProblem);
  (props.subjectAlternativeNames ?? []).forEach((name, index) => {
    checks.matches(`subjectAlternativeNames[${index}]`, name, DOMAIN_NAME);
  });
  checks
    .require(
      new Set(names).size === names.length,
      "subjectAlternativeNames",
      `repeat a name or the domainName, got ${JSON.stringify(names)}; list each name once`,
    )
    .require(
      names.length <= MAX_NAMES,
      "subjectAlternativeNames",
      `make ${names.length} names with the domainName, over ACM's default quota of ${MAX_NAMES} per certificate`,
    );
  for (const name of ownedElsewhere) {
    checks.require(
      names.includes(name),
      "validationRecordsOwnedElsewhere",
      `names "${name}", which the certificate does not cover; list only names among ${JSON.stringify(names)}`,
    );
  }
  checks.throwIfAny();
}
